package io.tickstream.bus;

import java.time.Duration;

/**
 * How much of each trade and account stream the bus keeps for recovery: at most
 * {@code maxMessages} messages, none older than {@code maxAge} (approximately, in Redis: trimming
 * there is by whole stream nodes). Immutable.
 */
public record HistoryLimits(int maxMessages, Duration maxAge) {

    public static final int DEFAULT_MAX_MESSAGES = 1_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    public HistoryLimits {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("the history must keep at least 1 message, was " + maxMessages);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the history's age bound must be positive, was " + maxAge);
        }
    }

    public static HistoryLimits defaults() {
        return new HistoryLimits(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_AGE);
    }
}
