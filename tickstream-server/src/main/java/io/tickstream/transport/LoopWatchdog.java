package io.tickstream.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an event loop that stopped running its tasks: every {@value #MAX_PERIOD_MILLIS} ms (or a
 * quarter of the threshold, when shorter) it hands every loop a probe task (only when the previous
 * one has run) and reports a loop whose probe waited longer than the threshold, once per stall, with
 * where the loop's thread is. How long each probe waited goes into a histogram
 * ({@code tickstream_event_loop_delay_seconds}), so that delays too short to count as stalls still
 * show. Probes cost one small task per loop and period. Runs on the caller's scheduler; thread-safe.
 */
public final class LoopWatchdog implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopWatchdog.class);
    private static final int STACK_FRAMES = 8;
    private static final long MAX_PERIOD_MILLIS = 100;
    /** Histogram buckets of the loops' task delay, from what a healthy loop shows to a stall. */
    private static final Duration[] DELAY_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final long thresholdNanos;
    private final ScheduledExecutorService scheduler;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final LongAdder stalls = new LongAdder();
    private volatile Timer delays;
    private ScheduledFuture<?> ticks;

    public LoopWatchdog(Duration threshold, ScheduledExecutorService scheduler) {
        this.thresholdNanos = threshold.toNanos();
        this.scheduler = scheduler;
    }

    /** Starts watching the loops of a group. Call once. */
    public synchronized void watch(EventExecutorGroup loops) {
        for (EventExecutor loop : loops) {
            probes.add(new Probe(loop));
        }
        long period = Math.max(1, Math.min(thresholdNanos / 4, TimeUnit.MILLISECONDS.toNanos(MAX_PERIOD_MILLIS)));
        ticks = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** Stalls seen since start (one per stall, however long it lasts). */
    public long stalls() {
        return stalls.sum();
    }

    /** Loops stalled right now. */
    public int stalledNow() {
        long now = System.nanoTime();
        int stalled = 0;
        for (Probe probe : probes) {
            stalled += probe.waitingNanos(now) > thresholdNanos ? 1 : 0;
        }
        return stalled;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tickstream.event.loop.stalls", stalls, LongAdder::sum)
                .description("Times an event loop went longer than the stall threshold without running its tasks")
                .register(registry);
        Gauge.builder("tickstream.event.loops.stalled", this, LoopWatchdog::stalledNow)
                .description("Event loops stalled right now").register(registry);
        delays = Timer.builder("tickstream.event.loop.delay")
                .description("How long a task handed to an event loop waited before it ran (a probe every "
                        + MAX_PERIOD_MILLIS + " ms per loop)")
                .serviceLevelObjectives(DELAY_BUCKETS)
                .register(registry);
    }

    @Override
    public synchronized void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Probe probe : probes) {
            probe.check(now);
        }
    }

    /** One loop's probe: sent, run on the loop, sent again. */
    private final class Probe implements Runnable {
        private final EventExecutor loop;
        /** When the pending probe was handed to the loop; 0 when none is pending. */
        private volatile long sentNanos;
        private volatile Thread thread;
        private boolean reported;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }

        long waitingNanos(long now) {
            long sent = sentNanos;
            return sent == 0 ? 0 : now - sent;
        }

        /** Only the watchdog's thread calls this, and only it writes {@code reported}. */
        void check(long now) {
            long sent = sentNanos;
            if (sent == 0) {
                if (!loop.isShuttingDown()) {
                    reported = false;
                    sentNanos = now;
                    try {
                        loop.execute(this);
                    } catch (RejectedExecutionException shutDown) {
                        sentNanos = 0;
                    }
                }
                return;
            }
            if (now - sent > thresholdNanos && !reported) {
                reported = true;
                stalls.increment();
                Thread stuck = thread;
                log.warn("event loop {} has not run its tasks for {} ms; its thread is at: {}",
                        stuck == null ? loop : stuck.getName(), TimeUnit.NANOSECONDS.toMillis(now - sent), where(stuck));
            }
        }

        @Override
        public void run() {
            long waited = System.nanoTime() - sentNanos;
            thread = Thread.currentThread();
            sentNanos = 0;
            Timer recorder = delays;
            if (recorder != null) {
                recorder.record(waited, TimeUnit.NANOSECONDS);
            }
        }
    }

    private static String where(Thread thread) {
        if (thread == null) {
            return "(not started)";
        }
        return Arrays.stream(thread.getStackTrace()).limit(STACK_FRAMES).map(String::valueOf)
                .collect(Collectors.joining(" <- "));
    }
}
