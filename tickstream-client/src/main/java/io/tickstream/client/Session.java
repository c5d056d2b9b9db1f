package io.tickstream.client;

import io.tickstream.client.message.AuthResult;
import io.tickstream.client.message.ControlMessage;
import io.tickstream.client.message.Reconnect;
import io.tickstream.client.message.TokenExpiring;
import io.tickstream.client.message.ServerError;
import io.tickstream.client.message.SubscriptionReply;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The conversation with the gateway over one open connection: authenticates within
 * {@code connectTimeout}, keeps the heartbeat, sends what the subscription sync has pending, and acts
 * on the server's replies and close code. Whether to reconnect or give up is not its business: it
 * tells its {@link Events}. Confined to the client's loop thread. Its timers and sends may still
 * report after it was dropped, so the supervisor ignores a session that is no longer its current one.
 */
final class Session {

    /** What a session tells its supervisor, on the loop thread. */
    interface Events {

        /** The server accepted the credentials; call {@link Session#open()} to start subscribing. */
        void authenticated(Session session);

        /** The connection failed in a way worth retrying. */
        void lost(Session session, ConnectionLostException error);

        /** The server refused the client: bad credentials or a close code that means stop. */
        void refused(TickstreamException error);
    }

    private final Connection connection;
    private final URI node;
    private final ClientSettings settings;
    private final ClientLoop loop;
    private final SubscriptionSync sync;
    private final StreamPositions positions;
    private final Listeners listeners;
    private final Events events;
    private final Heartbeat heartbeat;
    private final Outbound outbound;
    private ScheduledFuture<?> authTimer;
    /** The wait a server's reconnect notice asked for; zero without one. */
    private Duration retryAfter = Duration.ZERO;
    private boolean authenticated;

    Session(Connection connection, URI node, ClientSettings settings, ClientLoop loop, SubscriptionSync sync,
            StreamPositions positions, Listeners listeners, Events events) {
        this.connection = connection;
        this.node = node;
        this.positions = positions;
        this.settings = settings;
        this.loop = loop;
        this.sync = sync;
        this.listeners = listeners;
        this.events = events;
        this.heartbeat = new Heartbeat(loop, settings.pingInterval(), settings.pingTimeout(),
                dead -> lost(new DeadConnectionException(settings.pingTimeout())));
        this.outbound = new Outbound(connection, loop, sync::next,
                sendError -> lost(new ConnectionLostException("sending failed", sendError)));
    }

    Connection connection() {
        return connection;
    }

    /** The gateway node the connection goes to. */
    URI node() {
        return node;
    }

    /**
     * Starts the heartbeat and sends {@code auth}, resuming the account stream where it is known; no
     * answer within {@code connectTimeout} loses the session.
     */
    void start() {
        heartbeat.start(connection);
        outbound.sendFirst(Requests.auth(settings, positions.resumePoint(StreamId.account())));
        authTimer = loop.schedule(settings.connectTimeout(), () -> lost(new ConnectionLostException(
                "no answer to auth within " + settings.connectTimeout().toMillis() + " ms", null)));
    }

    /** Starts sending the subscription sync's requests. */
    void open() {
        outbound.open();
    }

    /** Sends what the subscription sync has pending, unless a send is outstanding or a rate limit pauses it. */
    void pump() {
        outbound.pump();
    }

    /** A protocol reply of the server. */
    void control(ControlMessage message) {
        if (message instanceof Reconnect notice) {
            retryAfter = Duration.ofMillis(notice.retryAfterMs());
        } else if (message instanceof TokenExpiring && settings.tokens() != null) {
            outbound.sendFirst(Requests.auth(settings, null)); // the same session goes on: nothing to resume
        } else if (message instanceof AuthResult auth && authenticated) {
            refreshed(auth);
        } else if (message instanceof AuthResult auth) {
            if (auth.success()) {
                authenticated = true;
                ClientLoop.cancel(authTimer);
                events.authenticated(this);
            } else {
                events.refused(new AuthenticationException(auth.message() == null ? "refused" : auth.message()));
            }
        } else if (message instanceof SubscriptionReply reply) {
            sync.replied(reply);
        } else if (message instanceof ServerError error) {
            serverError(error);
        }
    }

    /** The server closed the connection: a code that means reconnect loses the session, any other refuses the client. */
    void closed(int code, String reason) {
        boolean expiredWithFreshTokens = code == CloseCodes.POLICY_VIOLATION && "token expired".equals(reason)
                && settings.tokens() != null;
        if (CloseCodes.shouldReconnect(code) || expiredWithFreshTokens) {
            lost(new ConnectionLostException("the server closed the connection with " + code
                    + (reason.isEmpty() ? "" : " (" + reason + ")") + "; reconnecting", null, retryAfter));
        } else if (code == CloseCodes.POLICY_VIOLATION && reason.startsWith("authentication")) {
            events.refused(new AuthenticationException(reason));
        } else {
            events.refused(new ConnectionRejectedException(code, reason));
        }
    }

    void lost(ConnectionLostException error) {
        events.lost(this, error);
    }

    /** Stops every timer and send, and closes the connection (with a close handshake when {@code graceful}). */
    void drop(boolean graceful) {
        heartbeat.stop();
        ClientLoop.cancel(authTimer);
        outbound.stop();
        if (graceful) {
            connection.close();
        } else {
            connection.abort();
        }
    }

    /** The answer to a fresh token: nothing to do when taken; reported when refused (the session ends at expiry). */
    private void refreshed(AuthResult auth) {
        if (!auth.success()) {
            listeners.error(new AuthenticationException("token refresh refused: "
                    + (auth.message() == null ? "refused" : auth.message())));
        }
    }

    private void serverError(ServerError error) {
        ServerErrorException reported = new ServerErrorException(error);
        listeners.error(reported);
        if (error.isRateLimited()) {
            outbound.pause(Duration.ofMillis(Math.max(1, error.retryAfterMs())), sync::retryUnconfirmed);
            return;
        }
        String symbol = RejectedSymbol.of(error);
        if (symbol != null) {
            sync.rejected(symbol, reported);
        }
    }
}
