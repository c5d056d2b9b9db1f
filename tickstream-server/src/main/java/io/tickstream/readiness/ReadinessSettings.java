package io.tickstream.readiness;

import java.time.Duration;

/**
 * How the node finds out whether its bus answers, and how long a new session may wait for it.
 * Immutable.
 *
 * @param pingInterval how often the bus is sent a {@code PING}
 * @param pingTimeout  a bus that has not answered a {@code PING} within this time is not ready
 * @param authWait     an authentication that needs the bus waits at most this long for it, then is
 *                     refused with a retryable error
 */
public record ReadinessSettings(Duration pingInterval, Duration pingTimeout, Duration authWait) {

    public ReadinessSettings {
        requirePositive(pingInterval, "bus.pingIntervalMs");
        requirePositive(pingTimeout, "bus.pingTimeoutMs");
        requirePositive(authWait, "bus.authWaitMs");
    }

    /** A {@code PING} a second, 1 s to answer it, 2 s for an authentication. */
    public static ReadinessSettings defaults() {
        return new ReadinessSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
