package io.tickstream.simulator;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task at a fixed rate on one daemon thread of its own, from {@link #start} to
 * {@link #close}. Start once; close is idempotent and waits briefly for the thread. Thread-safe.
 */
final class Ticker implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Ticker.class.getName());
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    private final String threadName;
    private final long periodNanos;
    private final Runnable task;
    private ScheduledExecutorService executor;
    private boolean closed;

    Ticker(String threadName, double perSecond, Runnable task) {
        this.threadName = threadName;
        this.periodNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond));
        this.task = task;
    }

    /** @throws IllegalStateException when already started or closed */
    synchronized void start() {
        if (executor != null || closed) {
            throw new IllegalStateException(threadName + " can be started only once");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(task, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "thread " + threadName + " did not stop within " + CLOSE_TIMEOUT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
