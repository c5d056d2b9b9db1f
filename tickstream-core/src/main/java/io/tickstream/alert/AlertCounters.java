package io.tickstream.alert;

import java.util.concurrent.atomic.LongAdder;

/** What the engine did, for the metrics. Thread-safe. */
public final class AlertCounters {

    private final LongAdder evaluations = new LongAdder();
    private final LongAdder firings = new LongAdder();

    void evaluated() {
        evaluations.increment();
    }

    void fired() {
        firings.increment();
    }

    /** Field values judged against an instrument's alerts. */
    public long evaluations() {
        return evaluations.sum();
    }

    /** Firings decided (a firing another node made first is settled, not counted twice by the store). */
    public long firings() {
        return firings.sum();
    }
}
