package io.tickstream.candlefeed;

import io.tickstream.candle.CandleInterval;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One session's live-bar subscriptions, one per instrument and interval. Not thread-safe: its event loop's. */
public final class CandleWatches {

    private record Key(Instrument instrument, CandleInterval interval) {
    }

    private final CandleFeed feed;
    private final SessionOutbox outbox;
    private final CandleView view;
    private final Map<Key, CandleWatch> watches = new LinkedHashMap<>();

    public CandleWatches(CandleFeed feed, SessionOutbox outbox, CandleView view) {
        this.feed = feed;
        this.outbox = outbox;
        this.view = view;
    }

    public boolean has(Instrument instrument, CandleInterval interval) {
        return watches.containsKey(new Key(instrument, interval));
    }

    public int size() {
        return watches.size();
    }

    /** Watches the bars unless this session already does. */
    public void watch(Instrument instrument, CandleInterval interval) {
        watches.computeIfAbsent(new Key(instrument, interval), key -> feed.watch(outbox, instrument, interval, view));
    }

    /** Whether it was watched. */
    public boolean unwatch(Instrument instrument, CandleInterval interval) {
        CandleWatch watch = watches.remove(new Key(instrument, interval));
        if (watch != null) {
            feed.unwatch(watch);
        }
        return watch != null;
    }

    /** Ends the watches of instruments no longer permitted; returns those instruments. */
    public List<Instrument> retain(Predicate<Instrument> permitted) {
        List<Instrument> ended = new ArrayList<>();
        watches.entrySet().removeIf(entry -> {
            if (permitted.test(entry.getKey().instrument())) {
                return false;
            }
            feed.unwatch(entry.getValue());
            ended.add(entry.getKey().instrument());
            return true;
        });
        return ended;
    }

    public void close() {
        watches.values().forEach(feed::unwatch);
        watches.clear();
    }
}
