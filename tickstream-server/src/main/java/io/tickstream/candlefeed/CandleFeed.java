package io.tickstream.candlefeed;

import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.Bus;
import io.tickstream.candle.BarClock;
import io.tickstream.candle.CandleInterval;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Live candles (SPEC §12): one {@link CandleTopic} per instrument and interval that anyone here
 * watches, all driven by one periodic tick on one thread (not a timer per topic or subscriber).
 * Bars are read from the bus, where they are built once for every node, so every node shows the
 * same bars. Thread-safe.
 */
public final class CandleFeed implements AutoCloseable {

    /** How often the tick looks at every topic: bounds how late a closed bar goes out after its boundary. */
    static final long TICK_MILLIS = 50;

    private record Key(String instrumentId, CandleInterval interval) {
    }

    private final Bus bus;
    private final BarClock clock;
    private final ByteBufAllocator alloc;
    private final LongSupplier now;
    private final Map<Key, CandleTopic> topics = new HashMap<>();
    private final ScheduledExecutorService ticker;

    public CandleFeed(Bus bus, BarClock clock, ByteBufAllocator alloc) {
        this.bus = bus;
        this.clock = clock;
        this.alloc = alloc;
        this.now = System::currentTimeMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tickstream-candles");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a subscriber's live bars: the open bar at once when there is one, then as
     * {@link CandleTopic} sends them. Call on the subscriber's event loop.
     */
    public CandleWatch watch(SessionOutbox outbox, Instrument instrument, CandleInterval interval, CandleView view) {
        CandleWatch watch;
        CandleTopic topic;
        synchronized (topics) {
            topic = topics.computeIfAbsent(new Key(instrument.id(), interval),
                    key -> new CandleTopic(instrument, interval, bus, clock, alloc, now.getAsLong()));
            watch = new CandleWatch(outbox, view, topic);
            topic.add(watch);
        }
        topic.sendOpenBarTo(watch, now.getAsLong());
        return watch;
    }

    /** Ends a subscriber's live bars; the last one of a topic ends the topic. */
    public void unwatch(CandleWatch watch) {
        synchronized (topics) {
            CandleTopic topic = watch.topic();
            if (topic.remove(watch) == 0) {
                topics.remove(new Key(topic.instrument().id(), topic.interval()));
            }
        }
    }

    /** How many instrument-and-interval topics are live (for tests and meters). */
    public int topics() {
        synchronized (topics) {
            return topics.size();
        }
    }

    private void tick() {
        List<CandleTopic> current;
        synchronized (topics) {
            current = new ArrayList<>(topics.values());
        }
        long time = now.getAsLong();
        for (CandleTopic topic : current) {
            topic.tick(time);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
