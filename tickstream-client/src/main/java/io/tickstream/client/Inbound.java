package io.tickstream.client;

import io.tickstream.client.message.ControlMessage;
import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.State;
import io.tickstream.client.message.StateDelta;
import io.tickstream.client.message.SubscriptionReply;
import io.tickstream.client.message.UnknownMessage;
import io.tickstream.client.message.Welcome;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the client's connections receive. Called on the JDK's WebSocket threads: text frames, market
 * and account messages are dispatched right there, past the {@link DeliveryGuard} that drops
 * duplicates, so handlers see them in arrival order without a hop; the guard reads the stream
 * positions of protocol replies there too, and a state delta becomes the full state it makes of the
 * symbol's last one ({@link StateBases}). The replies, closes and failures belong to the
 * connection's {@link Session} and hop onto the client's loop thread, where those of a connection
 * that is no longer current are ignored.
 */
final class Inbound implements ConnectionEvents {

    /** Where received messages go on the receiving thread: the dispatcher, past the guard, states made whole by their bases. */
    record Delivery(Dispatcher dispatcher, DeliveryGuard guard, StateBases states) {
    }

    private final ClientLoop loop;
    private final Dispatcher dispatcher;
    private final DeliveryGuard guard;
    private final StateBases states;
    private final Listeners listeners;
    private final Function<Connection, Session> sessions;

    /** @param sessions on the loop thread: the current session when it is the connection's, else null */
    Inbound(ClientLoop loop, Delivery delivery, Listeners listeners, Function<Connection, Session> sessions) {
        this.loop = loop;
        this.dispatcher = delivery.dispatcher();
        this.guard = delivery.guard();
        this.states = delivery.states();
        this.listeners = listeners;
        this.sessions = sessions;
    }

    @Override
    public void onText(Connection connection, String text) {
        dispatcher.text(text);
        Message message;
        try {
            message = MessageParser.parse(text);
        } catch (MalformedMessageException e) {
            listeners.error(new TickstreamException("skipped a malformed message from the server: " + e.getMessage(), e));
            return;
        }
        if (message instanceof StateDelta delta) {
            message = whole(delta);
        } else if (message instanceof State state) {
            states.base(state);
        }
        if (message instanceof ControlMessage control) {
            guard.control(control);
            forgetStates(control);
            toSession(connection, session -> session.control(control));
        } else if (message != null && !(message instanceof UnknownMessage) && guard.admit(message)) {
            dispatcher.message(message);
        }
    }

    /** The full state a delta makes of its base, or null when it is dropped. */
    private State whole(StateDelta delta) {
        try {
            return states.apply(delta);
        } catch (MalformedMessageException e) {
            listeners.error(new TickstreamException("skipped a malformed state delta from the server: " + e.getMessage(), e));
            return null;
        }
    }

    /** A new connection (its welcome) and an unsubscribed state end the bases they make stale. */
    private void forgetStates(ControlMessage control) {
        if (control instanceof Welcome) {
            states.forgetAll();
        } else if (control instanceof SubscriptionReply reply && reply.type().equals("unsubscribed")
                && Channel.STATE.wireName().equals(reply.channel())) {
            reply.symbols().forEach(states::forget);
        }
    }

    @Override
    public void onClosed(Connection connection, int code, String reason) {
        toSession(connection, session -> session.closed(code, reason));
    }

    @Override
    public void onFailed(Connection connection, Throwable error) {
        toSession(connection, session -> session.lost(new ConnectionLostException("connection lost: " + error, error)));
    }

    private void toSession(Connection connection, Consumer<Session> task) {
        loop.execute(() -> {
            Session session = sessions.apply(connection);
            if (session != null) {
                task.accept(session);
            }
        });
    }
}
