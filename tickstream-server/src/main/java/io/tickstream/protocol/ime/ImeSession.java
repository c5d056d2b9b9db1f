package io.tickstream.protocol.ime;

import io.tickstream.hub.SessionOutbox;
import io.tickstream.hub.StateView;
import io.tickstream.hub.Subscription;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.InboundGate;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.transport.WebSocketSession;
import java.util.ArrayList;
import java.util.List;

/**
 * One IME connection: its instruments are fixed at the handshake, it streams their state and
 * ignores whatever the client sends. Confined to the connection's event loop.
 */
final class ImeSession implements WebSocketSession {

    private final ProtocolContext context;
    private final SessionOutbox outbox;
    private final InboundGate inbound;
    private final List<Subscription> subscriptions = new ArrayList<>();

    ImeSession(ProtocolContext context, SessionOutbox outbox) {
        this.context = context;
        this.outbox = outbox;
        this.inbound = new InboundGate(context, outbox, null);
    }

    /** @param maxRate messages a second per instrument, or {@code SubscriptionRate.UNLIMITED} */
    void start(List<Instrument> instruments, StateView view, double maxRate) {
        for (Instrument instrument : instruments) {
            subscriptions.add(context.hub().subscribe(outbox, instrument, view, maxRate));
        }
    }

    /** IME clients send nothing but pings, yet a flood of frames is refused, then closed with 1008. */
    @Override
    public boolean admitFrame() {
        return inbound.admit();
    }

    @Override
    public void onText(String text) {
        // The IME protocol defines no client messages; like the reference service we ignore them.
    }

    @Override
    public void onWritabilityChanged() {
        outbox.onWritabilityChanged();
    }

    @Override
    public void onClosed() {
        subscriptions.forEach(context.hub()::unsubscribe);
        subscriptions.clear();
        outbox.discard();
    }
}
