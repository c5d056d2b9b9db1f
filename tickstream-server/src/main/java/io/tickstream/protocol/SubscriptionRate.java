package io.tickstream.protocol;

/**
 * A subscription's {@code maxRate} (SPEC §13): at most so many messages a second of a conflated
 * channel, 0.1 to 1000, capped by the account's policy (a client may ask for less, never more).
 * Stateless.
 */
public final class SubscriptionRate {

    public static final double MIN = 0.1;
    public static final double MAX = 1_000;
    /** No rate: every change. */
    public static final double UNLIMITED = 0;

    private SubscriptionRate() {
    }

    /** Whether a requested rate is in range. */
    public static boolean valid(double rate) {
        return rate >= MIN && rate <= MAX;
    }

    /** The error text of a rate out of range. */
    public static String invalid(String field) {
        return "Invalid field: " + field + " must be " + MIN + ".." + (int) MAX;
    }

    /**
     * The rate a subscription gets: what it asked for (null: none), at most the cap ({@link #UNLIMITED}: none).
     */
    public static double effective(Double requested, double cap) {
        if (requested == null) {
            return cap;
        }
        return cap > 0 ? Math.min(requested, cap) : requested;
    }
}
