package io.tickstream.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A body that is costly to make (a metrics scrape, the operator's figures): made off the event
 * loops, on the operator thread, and at most once per interval; every request in between gets the
 * last one. So however often a client asks, the figures cost one computation per interval and
 * never hold an event loop. Thread-safe.
 */
final class SharedFigures {

    private final Supplier<byte[]> compute;
    private final Executor executor;
    private final long intervalNanos;
    private CompletableFuture<byte[]> latest;
    private long startedNanos;

    SharedFigures(Supplier<byte[]> compute, Executor executor, long intervalMillis) {
        this.compute = compute;
        this.executor = executor;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** The newest body, made now when the last one is older than the interval and none is being made. */
    synchronized CompletableFuture<byte[]> get() {
        long now = System.nanoTime();
        if (latest == null || latest.isDone() && (now - startedNanos >= intervalNanos || latest.isCompletedExceptionally())) {
            startedNanos = now;
            latest = CompletableFuture.supplyAsync(compute, executor);
        }
        return latest;
    }
}
