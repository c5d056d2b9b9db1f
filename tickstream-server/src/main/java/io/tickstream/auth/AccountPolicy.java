package io.tickstream.auth;

/**
 * What an account may do, whatever credential it comes with: the instruments it may read, whether
 * it receives its private events, and how many connections it may hold at once on a node. Immutable.
 *
 * @param maxConnections at least 1
 * @param maxRate        the cap on a subscription's {@code maxRate} (0 = none)
 */
public record AccountPolicy(InstrumentScope instruments, boolean privateEvents, int maxConnections, double maxRate) {

    public AccountPolicy(InstrumentScope instruments, boolean privateEvents, int maxConnections) {
        this(instruments, privateEvents, maxConnections, 0);
    }

    public AccountPolicy {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("an account's maxConnections must be at least 1");
        }
    }

    /** The policy of an account the configuration does not name: everything but a finite connection limit. */
    public static AccountPolicy unlisted(int maxConnections) {
        return new AccountPolicy(InstrumentScope.all(), true, maxConnections);
    }

    /**
     * A credential's principal within this policy: the instruments both permit, private events when
     * both allow them, and the smaller connection limit (a credential's 0, unlimited, takes the
     * policy's). A credential can narrow what its account may do, never widen it.
     */
    public Principal limit(Principal credential) {
        int max = credential.maxConnections() == 0 ? maxConnections : Math.min(maxConnections, credential.maxConnections());
        return new Principal(credential.account(), credential.instruments().narrowedBy(instruments),
                credential.privateEvents() && privateEvents, max, credential.expiresAt(), maxRate);
    }
}
