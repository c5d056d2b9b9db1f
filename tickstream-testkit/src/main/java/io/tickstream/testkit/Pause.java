package io.tickstream.testkit;

/** The short sleep between two polls of a Redis Cluster fixture; stateless, callable from any thread. */
final class Pause {

    private static final long MILLIS = 25;

    private Pause() {
    }

    /** Sleeps a moment; an interrupt ends the wait with an exception and keeps the thread interrupted. */
    static void briefly() {
        try {
            Thread.sleep(MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
