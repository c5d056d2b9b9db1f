package io.tickstream.candle;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The kept bars of one instrument and interval, oldest first, the open bar last. Bars older than
 * the retention are dropped as a new bar opens (a few at a time, never a sweep). Not thread-safe.
 */
final class BarSeries {

    private final ArrayDeque<Bar> bars = new ArrayDeque<>();
    private final long retentionMillis;

    BarSeries(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    /** Adds a trade to the open bar, or opens a new one; returns the bar it is now in. */
    Bar add(long start, BigDecimal price, BigDecimal quantity) {
        Bar last = bars.peekLast();
        Bar next = Bar.next(last, start, price, quantity);
        if (last != null && next.start() == last.start()) {
            bars.pollLast();
        }
        put(next);
        return next;
    }

    /** Puts a whole bar (restoring): replaces the open bar with the same start, else appends. */
    void put(Bar bar) {
        Bar last = bars.peekLast();
        if (last != null && last.start() == bar.start()) {
            bars.pollLast();
        }
        bars.addLast(bar);
        long oldest = bar.start() - retentionMillis;
        while (bars.peekFirst().start() < oldest) {
            bars.pollFirst();
        }
    }

    /** At most {@code limit} bars starting at or before {@code end}, oldest first. */
    List<Bar> read(long end, int limit) {
        ArrayList<Bar> out = new ArrayList<>(Math.min(limit, bars.size()));
        Iterator<Bar> newestFirst = bars.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            Bar bar = newestFirst.next();
            if (bar.start() <= end) {
                out.add(bar);
            }
        }
        Collections.reverse(out);
        return out;
    }

    Iterable<Bar> all() {
        return bars;
    }
}
