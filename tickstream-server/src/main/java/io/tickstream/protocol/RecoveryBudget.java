package io.tickstream.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What resuming clients may cost the bus and this node: every history message read for a resume
 * is taken from its connection's budget and its account's. A resume asked for while either is
 * spent is refused with the time until it refills, so that clients that reconnect and resume in a
 * loop cannot crowd out everyone else. A read in progress finishes even when it overdraws: the
 * budget then stays spent for longer. Thread-safe.
 */
public final class RecoveryBudget {

    /** Past this many accounts with a budget, full ones are forgotten (they hold nothing worth keeping). */
    private static final int SWEEP_ABOVE = 10_000;

    private final RecoveryLimits limits;
    private final LongSupplier clock;
    private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();

    public RecoveryBudget(RecoveryLimits limits) {
        this(limits, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} */
    RecoveryBudget(RecoveryLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A new connection's budget, drawing on its account's too. */
    public Allowance allowance(String account) {
        Bucket shared = accounts.get(account);
        if (shared == null) {
            if (accounts.size() > SWEEP_ABOVE) {
                accounts.values().removeIf(Bucket::full);
            }
            shared = accounts.computeIfAbsent(account, key -> new Bucket(limits.accountBurst(), limits.accountPerSecond()));
        }
        return new Allowance(new Bucket(limits.connectionBurst(), limits.connectionPerSecond()), shared);
    }

    /** One connection's view of the budget: its own bucket and its account's. */
    public final class Allowance {
        private final Bucket connection;
        private final Bucket account;

        private Allowance(Bucket connection, Bucket account) {
            this.connection = connection;
            this.account = account;
        }

        /** 0 when a resume may start now, else the milliseconds until both budgets have refilled above nothing. */
        public long retryAfterMs() {
            long now = clock.getAsLong();
            return Math.max(connection.retryAfterMs(now), account.retryAfterMs(now));
        }

        /** Takes {@code messages} read from the history from both budgets. */
        public void charge(int messages) {
            long now = clock.getAsLong();
            connection.take(messages, now);
            account.take(messages, now);
        }
    }

    /** A token bucket that may be overdrawn. */
    private final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, int perSecond) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.last = clock.getAsLong();
        }

        synchronized long retryAfterMs(long now) {
            refill(now);
            return tokens > 0 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
        }

        synchronized void take(int messages, long now) {
            refill(now);
            tokens -= messages;
        }

        synchronized boolean full() {
            refill(clock.getAsLong());
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
