package io.tickstream.alert;

import java.math.BigDecimal;

/**
 * Where the engine sends what it decided. Called holding an instrument's monitor on the thread
 * that evaluates: hand the work off, never block, never call back into the engine.
 */
public interface AlertSink {

    /**
     * An alert's condition held: fire it, unless it ended or another node fired this same crossing
     * first; then report the stored status to {@link AlertEngine#settled}.
     *
     * @param generation how many times the engine knows it to have fired
     */
    void fire(Alert alert, long generation, BigDecimal value, long atMillis);

    /** An alert's {@code expiresAt} passed before it fired. */
    void expire(Alert alert);

    /** The engine's instruments: it starts watching one (its first alert) or stops (its last went). */
    interface Instruments {
        void watch(String instrumentId);

        void unwatch(String instrumentId);
    }
}
