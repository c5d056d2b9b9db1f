package io.tickstream.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that owns a client's connection state: attempts, timers, sends, the subscription
 * bookkeeping. Tasks submitted after shutdown are dropped silently (late JDK callbacks of a closed
 * client). Thread-safe.
 */
final class ClientLoop {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    ClientLoop() {
        String name = "tickstream-client-" + CLIENTS.incrementAndGet();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop; false when the loop is shut down. */
    boolean execute(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on the loop after {@code delay}; null when the loop is shut down. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    ScheduledFuture<?> every(Duration period, Runnable task) {
        try {
            return executor.scheduleAtFixedRate(guarded(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** A task whose failure is logged instead of vanishing in the executor (and of ending a periodic task). */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Listeners.LOG.log(System.Logger.Level.ERROR, "a task of the client's loop failed", e);
            }
        };
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Lets queued tasks finish, then ends the thread; waits for it briefly unless called on it. */
    void shutdown() {
        executor.shutdown();
        if (!inLoop()) {
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
