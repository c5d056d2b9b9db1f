package io.tickstream.candlefeed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.tickstream.bus.Bus;
import io.tickstream.candle.Bar;
import io.tickstream.candle.BarClock;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;
import io.tickstream.metrics.ThrottledLog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The live bars of one instrument and interval for everyone here who watches them. On the feed's
 * tick it reads the newest two bars from the bus: once a second (twice a bar for {@code 1s}) while
 * nothing closes, the open bar going out when it changed but at most once a second, and just after
 * each boundary of the interval, the bar that ended going out with {@code closed} whether or not a
 * trade followed. Each message is encoded once
 * per view and handed to each subscriber's event loop once. Thread-safe (its monitor).
 */
public final class CandleTopic {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(CandleTopic.class), 10_000);
    /** How long after a boundary the closing read waits for trades stamped just before it. */
    static final long CLOSE_DELAY_MILLIS = 20;
    static final long OPEN_PERIOD_MILLIS = 1_000;

    private final Instrument instrument;
    private final CandleInterval interval;
    private final Bus bus;
    private final BarClock clock;
    private final ByteBufAllocator alloc;
    private final long createdAt;
    private final List<CandleWatch> watches = new ArrayList<>();
    private Bar lastOpen;
    private long lastOpenAt = Long.MIN_VALUE;
    private long lastClosedStart = Long.MIN_VALUE;
    private long lastRead = Long.MIN_VALUE;
    private long nextBoundary;
    private boolean reading;

    CandleTopic(Instrument instrument, CandleInterval interval, Bus bus, BarClock clock, ByteBufAllocator alloc,
                long now) {
        this.instrument = instrument;
        this.interval = interval;
        this.bus = bus;
        this.clock = clock;
        this.alloc = alloc;
        this.createdAt = now;
        this.nextBoundary = clock.end(interval, clock.start(interval, now));
    }

    Instrument instrument() {
        return instrument;
    }

    CandleInterval interval() {
        return interval;
    }

    synchronized void add(CandleWatch watch) {
        watches.add(watch);
    }

    /** Returns how many watch it still. */
    synchronized int remove(CandleWatch watch) {
        watches.remove(watch);
        return watches.size();
    }

    /** Reads the bars when a boundary has passed or a second (half a bar, if shorter) has gone by since the last read. */
    void tick(long now) {
        synchronized (this) {
            boolean boundary = now >= nextBoundary + CLOSE_DELAY_MILLIS;
            if (reading || (!boundary && now - lastRead < Math.min(OPEN_PERIOD_MILLIS, interval.millis() / 2))) {
                return;
            }
            reading = true;
            lastRead = now;
            if (boundary) {
                nextBoundary = clock.end(interval, clock.start(interval, now));
            }
        }
        bus.candles(instrument.id(), interval, Long.MAX_VALUE, 2).whenComplete((bars, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    reading = false;
                }
                log.warn("could not read the {} bars of {}: {}", interval.label(), instrument.id(), failure.toString());
                return;
            }
            received(bars, now);
        });
    }

    /** Sends the open bar, if there is one, to one new subscriber. */
    void sendOpenBarTo(CandleWatch watch, long now) {
        bus.candles(instrument.id(), interval, Long.MAX_VALUE, 1).whenComplete((bars, failure) -> {
            if (failure == null && !bars.isEmpty() && clock.end(interval, bars.get(0).start()) > now) {
                deliver(bars.get(0), false, List.of(watch));
            }
        });
    }

    private void received(List<Bar> bars, long readAt) {
        List<Bar> closed = new ArrayList<>(2);
        Bar open = null;
        List<CandleWatch> to;
        synchronized (this) {
            reading = false;
            for (Bar bar : bars) {
                long end = clock.end(interval, bar.start());
                if (end <= readAt) {
                    if (bar.start() > lastClosedStart && end > createdAt) {
                        closed.add(bar);
                        lastClosedStart = bar.start();
                    }
                } else if (!bar.equals(lastOpen) && (lastOpen == null || bar.start() != lastOpen.start()
                        || readAt - lastOpenAt >= OPEN_PERIOD_MILLIS)) {
                    open = bar;
                    lastOpen = bar;
                    lastOpenAt = readAt;
                }
            }
            to = List.copyOf(watches);
        }
        for (Bar bar : closed) {
            deliver(bar, true, to);
        }
        if (open != null) {
            deliver(open, false, to);
        }
    }

    /**
     * Encodes the bar once per view and hands it to each event loop once; a closed bar is queued
     * in order (never dropped), an open bar replaces one still waiting for a slow reader.
     */
    private void deliver(Bar bar, boolean closed, List<CandleWatch> to) {
        if (to.isEmpty()) {
            return;
        }
        long time = System.currentTimeMillis();
        Map<CandleView, ByteBuf> frames = new IdentityHashMap<>();
        Map<EventLoop, List<CandleWatch>> loops = new LinkedHashMap<>();
        try {
            for (CandleWatch watch : to) {
                if (!frames.containsKey(watch.view())) {
                    frames.put(watch.view(), watch.view().encode(instrument, interval, bar, closed, time, alloc));
                }
                loops.computeIfAbsent(watch.outbox().channel().eventLoop(), loop -> new ArrayList<>()).add(watch);
            }
            for (Map.Entry<EventLoop, List<CandleWatch>> loop : loops.entrySet()) {
                Map<CandleView, ByteBuf> shared = new IdentityHashMap<>();
                frames.forEach((view, frame) -> shared.put(view, frame.retainedDuplicate()));
                loop.getKey().execute(() -> {
                    try {
                        for (CandleWatch watch : loop.getValue()) {
                            ByteBuf frame = shared.get(watch.view()).retainedDuplicate();
                            if (closed) {
                                watch.outbox().offerOrdered(frame);
                            } else {
                                watch.outbox().offerConflatable(this, frame);
                            }
                            watch.outbox().flush();
                        }
                    } finally {
                        shared.values().forEach(ByteBuf::release);
                    }
                });
            }
        } finally {
            frames.values().forEach(ByteBuf::release);
        }
    }
}
