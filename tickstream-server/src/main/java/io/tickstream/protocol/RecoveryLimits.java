package io.tickstream.protocol;

/**
 * How many history messages resuming clients may have read, as token buckets refilled per second:
 * per connection, and per account on this node (all its connections together). Immutable.
 *
 * @param connectionBurst     messages one connection may read at once
 * @param connectionPerSecond messages per second one connection's budget refills by
 * @param accountBurst        messages one account's connections may read at once
 * @param accountPerSecond    messages per second one account's budget refills by
 */
public record RecoveryLimits(int connectionBurst, int connectionPerSecond, int accountBurst, int accountPerSecond) {

    public RecoveryLimits {
        if (connectionBurst < 1 || connectionPerSecond < 1 || accountBurst < 1 || accountPerSecond < 1) {
            throw new IllegalArgumentException("recovery budgets must be at least 1");
        }
    }

    /** Two full histories of ten streams at once per connection; an account's five times that. */
    public static RecoveryLimits defaults() {
        return new RecoveryLimits(20_000, 5_000, 100_000, 20_000);
    }
}
