package io.tickstream.auth;

import java.time.Instant;

import io.tickstream.instrument.Instrument;

/**
 * Who a connection is, once authenticated, and what it may see. Immutable.
 *
 * @param account        the login; private events are routed by it
 * @param instruments    which instruments it may read
 * @param privateEvents  whether it receives its account's private events
 * @param maxConnections how many connections it may hold at once (0 = unlimited)
 * @param expiresAt      when its credential expires (a token's {@code exp}), or null when it does not
 * @param maxRate        the most messages a second its conflated subscriptions may ask for (0 = no cap)
 */
public record Principal(String account, InstrumentScope instruments, boolean privateEvents, int maxConnections,
                        Instant expiresAt, double maxRate) {

    /** A principal without a rate cap. */
    public Principal(String account, InstrumentScope instruments, boolean privateEvents, int maxConnections,
                     Instant expiresAt) {
        this(account, instruments, privateEvents, maxConnections, expiresAt, 0);
    }

    /** A principal whose credential does not expire (an API key). */
    public Principal(String account, InstrumentScope instruments, boolean privateEvents, int maxConnections) {
        this(account, instruments, privateEvents, maxConnections, null);
    }

    public boolean mayRead(Instrument instrument) {
        return instruments.permits(instrument);
    }
}
