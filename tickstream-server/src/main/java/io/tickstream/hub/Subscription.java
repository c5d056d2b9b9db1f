package io.tickstream.hub;

import io.tickstream.instrument.Instrument;

/**
 * One connection's interest in one instrument through one view. Created and used on the
 * connection's event loop; its identity is the conflation key of its pending frames.
 */
public final class Subscription {

    final SessionOutbox outbox;
    final Instrument instrument;
    final int view;
    final long sinceVersion;

    Subscription(SessionOutbox outbox, Instrument instrument, int view, long sinceVersion) {
        this.outbox = outbox;
        this.instrument = instrument;
        this.view = view;
        this.sinceVersion = sinceVersion;
    }

    public Instrument instrument() {
        return instrument;
    }
}
