package io.tickstream.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Keeps a client connected: opens a connection to the node its {@link NodeRotation} names, lets a
 * {@link Session} authenticate and resubscribe on it, and after a loss reconnects, to the next node
 * and with the rotation's wait, until {@code maxRetries} failures in a row; ends the client for good
 * when the server refuses it, or on close. Decides every move of the client's
 * {@link Lifecycle}. Confined to the client's loop thread, but for {@link #start()} and {@link #close()}.
 */
final class ConnectionSupervisor implements Session.Events {

    private final ClientSettings settings;
    private final ClientLoop loop;
    private final SubscriptionSync sync;
    private final StreamPositions positions;
    private final Listeners listeners;
    private final Lifecycle life;
    private final Consumer<Throwable> onEnd;
    private final HttpClient http;
    private final NodeRotation nodes;
    private final Inbound inbound;
    private Session current;
    /** The node of the last successful authentication; null before the first. */
    private URI connectedTo;
    private ScheduledFuture<?> retryTimer;
    private int failures;

    /** @param onEnd told once when the client ends: null after a close, the fatal error after giving up */
    ConnectionSupervisor(ClientSettings settings, ClientLoop loop, SubscriptionSync sync, StreamPositions positions,
                         Inbound.Delivery delivery, Listeners listeners, Lifecycle life, Consumer<Throwable> onEnd) {
        this.settings = settings;
        this.loop = loop;
        this.sync = sync;
        this.positions = positions;
        this.listeners = listeners;
        this.life = life;
        this.onEnd = onEnd;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.nodes = new NodeRotation(settings.uris(), new Backoff(settings.backoffBase(), settings.backoffMax()));
        this.inbound = new Inbound(loop, delivery, listeners, this::sessionOf);
    }

    /** Any thread: starts connecting (once); the result completes at the first successful authentication. */
    CompletableFuture<Void> start() {
        loop.execute(() -> {
            if (life.state() == ConnectionState.IDLE) {
                attempt();
            }
        });
        return life.firstConnect();
    }

    /** Any thread: closes the connection gracefully and ends the client. */
    void close() {
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
        }
    }

    /** Any thread: the node the client is connected to, or the one it is trying or will try next. */
    URI node() {
        return nodes.current();
    }

    /** Sends what the subscription sync has pending, when there is a connection. */
    void pump() {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (current != null) {
            current.pump();
        }
    }

    @Override
    public void authenticated(Session session) {
        failures = 0;
        URI previous = connectedTo;
        connectedTo = session.node();
        life.moveTo(ConnectionState.CONNECTED);
        if (previous != null && !previous.equals(connectedTo)) {
            listeners.nodeChanged(previous, connectedTo);
        }
        session.open();
        life.connected();
    }

    @Override
    public void lost(Session session, ConnectionLostException error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (session != current) {
            return;
        }
        drop(false);
        retry(error);
    }

    @Override
    public void refused(TickstreamException error) {
        fail(error);
    }

    private void attempt() {
        assert loop.inLoop() : "confined to the client's loop thread";
        retryTimer = null;
        int id = life.newAttempt();
        URI node = nodes.current();
        Connection.open(http, node, settings.connectTimeout(), id, inbound).whenComplete((connection, error) -> {
            if (!loop.execute(() -> opened(id, node, connection, error)) && connection != null) {
                connection.abort();
            }
        });
    }

    private void opened(int id, URI node, Connection connection, Throwable error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (life.state() != ConnectionState.CONNECTING || id != life.attempts()) {
            if (connection != null) {
                connection.abort();
            }
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            retry(new ConnectionLostException("cannot connect to " + node + ": " + cause, cause));
            return;
        }
        current = new Session(connection, node, settings, loop, sync, positions, listeners, this);
        current.start();
    }

    /** The current session when it runs on {@code connection}; null for a connection that was dropped. */
    private Session sessionOf(Connection connection) {
        assert loop.inLoop() : "confined to the client's loop thread";
        return current != null && current.connection() == connection ? current : null;
    }

    private void retry(ConnectionLostException error) {
        failures++;
        if (failures > settings.maxRetries()) {
            fail(new RetriesExhaustedException(failures, settings.maxRetries(), error));
            return;
        }
        listeners.error(error);
        Duration delay = nodes.failed(failures, error.retryAfter());
        life.moveTo(ConnectionState.RECONNECTING);
        Listeners.LOG.log(System.Logger.Level.INFO, "reconnecting to {0} in {1} ms (retry {2} of {3})",
                nodes.current(), delay.toMillis(), failures, settings.maxRetries());
        retryTimer = loop.schedule(delay, this::attempt);
    }

    private void fail(TickstreamException error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (life.terminalError() != null || life.state() == ConnectionState.CLOSED) {
            return;
        }
        ClientLoop.cancel(retryTimer);
        drop(false);
        life.failed(error);
        sync.failAll(error);
        onEnd.accept(error);
    }

    private void closeNow() {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (life.state() == ConnectionState.CLOSED || life.state() == ConnectionState.FAILED) {
            return;
        }
        ClientLoop.cancel(retryTimer);
        drop(true);
        ClientClosedException closed = life.closed();
        sync.failAll(closed);
        onEnd.accept(null);
    }

    private void drop(boolean graceful) {
        if (current != null) {
            current.drop(graceful);
        }
        sync.disconnected();
        current = null;
    }
}
