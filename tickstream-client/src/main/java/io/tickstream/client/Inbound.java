package io.tickstream.client;

import io.tickstream.client.message.ControlMessage;
import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.UnknownMessage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the client's connections receive. Called on the JDK's WebSocket threads: text frames, market
 * and account messages are dispatched right there, so handlers see them in arrival order without a
 * hop; protocol replies, closes and failures belong to the connection's {@link Session} and hop onto
 * the client's loop thread, where those of a connection that is no longer current are ignored.
 */
final class Inbound implements ConnectionEvents {

    private final ClientLoop loop;
    private final Dispatcher dispatcher;
    private final Listeners listeners;
    private final Function<Connection, Session> sessions;

    /** @param sessions on the loop thread: the current session when it is the connection's, else null */
    Inbound(ClientLoop loop, Dispatcher dispatcher, Listeners listeners, Function<Connection, Session> sessions) {
        this.loop = loop;
        this.dispatcher = dispatcher;
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
        if (message instanceof ControlMessage control) {
            toSession(connection, session -> session.control(control));
        } else if (!(message instanceof UnknownMessage)) {
            dispatcher.message(message);
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
