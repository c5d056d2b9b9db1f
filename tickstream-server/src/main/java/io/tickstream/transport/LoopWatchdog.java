package io.tickstream.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an event loop that stopped running its tasks: a few times per threshold it hands every
 * loop a probe task (only when the previous one has run) and reports a loop whose probe waited
 * longer than the threshold, once per stall, with where the loop's thread is. Probes cost one small
 * task per loop and period. Runs on the caller's scheduler; thread-safe.
 */
public final class LoopWatchdog implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopWatchdog.class);
    private static final int STACK_FRAMES = 8;

    private final long thresholdNanos;
    private final ScheduledExecutorService scheduler;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final LongAdder stalls = new LongAdder();
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
        long period = Math.max(1, thresholdNanos / 4);
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
            thread = Thread.currentThread();
            sentNanos = 0;
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
