package io.tickstream.bench.fault;

import java.time.Duration;

/**
 * What only the fault scenario takes, next to the {@link io.tickstream.bench.BenchOptions}. Immutable.
 *
 * @param killEvery   the time between two kills of the gateway's pub/sub connection
 * @param accountRate account events published per second (trades go at the options' rate)
 */
public record FaultSettings(Duration killEvery, double accountRate) {

    public FaultSettings {
        if (killEvery.isNegative() || killEvery.isZero()) {
            throw new IllegalArgumentException("--kill-every must be positive, was " + killEvery);
        }
        if (accountRate < 0) {
            throw new IllegalArgumentException("--account-rate must not be negative, was " + accountRate);
        }
    }
}
