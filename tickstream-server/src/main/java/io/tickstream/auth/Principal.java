package io.tickstream.auth;

import io.tickstream.instrument.Instrument;

/**
 * Who a connection is, once authenticated, and what it may see. Immutable.
 *
 * @param account        the login; private events are routed by it
 * @param instruments    which instruments it may read
 * @param privateEvents  whether it receives its account's private events
 * @param maxConnections how many connections it may hold at once (0 = unlimited)
 */
public record Principal(String account, InstrumentScope instruments, boolean privateEvents, int maxConnections) {

    public boolean mayRead(Instrument instrument) {
        return instruments.permits(instrument);
    }
}
