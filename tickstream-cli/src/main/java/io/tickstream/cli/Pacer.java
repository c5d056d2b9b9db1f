package io.tickstream.cli;

import java.util.concurrent.TimeUnit;

/**
 * Holds a replay to the recorded pacing: the message received {@code t} ms after the first goes
 * out {@code t / speed} ms after the replay started; or does not wait at all. One thread.
 */
final class Pacer {

    private final double speed;
    private long originMillis = -1;
    private long startNanos;

    private Pacer(double speed) {
        this.speed = speed;
    }

    /** @param speed 1 for the recorded pace, 10 for ten times faster; 0 or less for no waiting */
    static Pacer of(double speed) {
        return new Pacer(speed);
    }

    static Pacer asFastAsPossible() {
        return new Pacer(0);
    }

    /** Starts again: the next message is the new origin (each loop of a replay). */
    void restart() {
        originMillis = -1;
    }

    /** Waits until the message received at {@code receivedAtMillis} is due. */
    void await(long receivedAtMillis) throws InterruptedException {
        if (originMillis < 0) {
            originMillis = receivedAtMillis;
            startNanos = System.nanoTime();
            return;
        }
        if (speed <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) ((receivedAtMillis - originMillis) * 1_000_000 / speed);
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
