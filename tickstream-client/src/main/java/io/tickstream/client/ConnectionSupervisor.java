package io.tickstream.client;

import io.tickstream.client.message.AuthResult;
import io.tickstream.client.message.ControlMessage;
import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.ServerError;
import io.tickstream.client.message.SubscriptionReply;
import io.tickstream.client.message.UnknownMessage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a client's connections: opens one, authenticates, lets the subscription sync resubscribe,
 * watches the connection with the heartbeat, and after a loss reconnects with backoff until
 * {@code maxRetries} failures in a row; stops for good when the server refuses the client. Its state
 * lives on the client's loop thread; the connection callbacks hop onto it (control replies) or
 * dispatch on the receiving thread (market and account messages).
 */
final class ConnectionSupervisor implements ConnectionEvents {

    private final ClientSettings settings;
    private final ClientLoop loop;
    private final SubscriptionSync sync;
    private final Dispatcher dispatcher;
    private final Listeners listeners;
    private final Consumer<Throwable> onEnd;
    private final HttpClient http;
    private final Backoff backoff;
    private final Heartbeat heartbeat;
    private final AtomicInteger attempts = new AtomicInteger();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile ConnectionState state = ConnectionState.IDLE;
    private volatile TickstreamException terminalError;
    private Connection current;
    private Outbound outbound;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> retryTimer;
    private int failures;

    /** @param onEnd told once when the client ends: null after a close, the fatal error after giving up */
    ConnectionSupervisor(ClientSettings settings, ClientLoop loop, SubscriptionSync sync, Dispatcher dispatcher,
                         Listeners listeners, Consumer<Throwable> onEnd) {
        this.settings = settings;
        this.loop = loop;
        this.sync = sync;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
        this.onEnd = onEnd;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.heartbeat = new Heartbeat(loop, settings.pingInterval(), settings.pingTimeout(),
                connection -> lost(connection, new DeadConnectionException(settings.pingTimeout())));
    }

    /** Any thread: starts connecting (once); the result completes at the first successful authentication. */
    CompletableFuture<Void> start() {
        loop.execute(() -> {
            if (state == ConnectionState.IDLE) {
                attempt();
            }
        });
        return firstConnect;
    }

    ConnectionState state() {
        return state;
    }

    /** How the client ended (a {@link ClientClosedException} after a close), or null while it lives. */
    TickstreamException terminalError() {
        return terminalError;
    }

    int attempts() {
        return attempts.get();
    }

    /** Any thread: waits for the server to confirm {@code keys}, sending what is pending. */
    void subscribed(Collection<Topic.Key> keys, CompletableFuture<Void> done) {
        boolean queued = loop.execute(() -> {
            if (terminalError != null) {
                done.completeExceptionally(terminalError);
                return;
            }
            sync.await(keys, done);
            if (outbound != null) {
                outbound.pump();
            }
        });
        if (!queued) {
            done.completeExceptionally(new ClientClosedException());
        }
    }

    /** Any thread: sends what the subscription sync has pending (after an unsubscribe). */
    void unsubscribed() {
        loop.execute(() -> {
            sync.cancelUnwanted();
            if (outbound != null) {
                outbound.pump();
            }
        });
    }

    /** Any thread: closes the connection gracefully and ends the client. */
    void close() {
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
        }
    }

    private void attempt() {
        assert loop.inLoop() : "confined to the client's loop thread";
        retryTimer = null;
        int id = attempts.incrementAndGet();
        setState(ConnectionState.CONNECTING);
        Connection.open(http, settings.uri(), settings.connectTimeout(), id, this).whenComplete((connection, error) -> {
            if (!loop.execute(() -> opened(id, connection, error)) && connection != null) {
                connection.abort();
            }
        });
    }

    private void opened(int id, Connection connection, Throwable error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (state != ConnectionState.CONNECTING || id != attempts.get()) {
            if (connection != null) {
                connection.abort();
            }
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            retry(new ConnectionLostException("cannot connect to " + settings.uri() + ": " + cause, cause));
            return;
        }
        current = connection;
        outbound = new Outbound(connection, loop, sync::next,
                sendError -> lost(connection, new ConnectionLostException("sending failed", sendError)));
        heartbeat.start(connection);
        outbound.sendFirst(Requests.auth(settings));
        authTimer = loop.schedule(settings.connectTimeout(), () -> lost(connection, new ConnectionLostException(
                "no answer to auth within " + settings.connectTimeout().toMillis() + " ms", null)));
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
            loop.execute(() -> control(connection, control));
        } else if (!(message instanceof UnknownMessage)) {
            dispatcher.message(message);
        }
    }

    @Override
    public void onClosed(Connection connection, int code, String reason) {
        loop.execute(() -> closed(connection, code, reason));
    }

    @Override
    public void onFailed(Connection connection, Throwable error) {
        loop.execute(() -> lost(connection, new ConnectionLostException("connection lost: " + error, error)));
    }

    private void control(Connection connection, ControlMessage message) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (connection != current) {
            return;
        }
        if (message instanceof AuthResult auth) {
            if (auth.success()) {
                authenticated();
            } else {
                fail(new AuthenticationException(auth.message() == null ? "refused" : auth.message()));
            }
        } else if (message instanceof SubscriptionReply reply) {
            sync.replied(reply);
        } else if (message instanceof ServerError error) {
            serverError(error);
        }
    }

    private void authenticated() {
        ClientLoop.cancel(authTimer);
        failures = 0;
        setState(ConnectionState.CONNECTED);
        outbound.open();
        firstConnect.complete(null);
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

    private void closed(Connection connection, int code, String reason) {
        if (connection != current) {
            return;
        }
        if (CloseCodes.shouldReconnect(code)) {
            lost(connection, new ConnectionLostException("the server closed the connection with " + code
                    + (reason.isEmpty() ? "" : " (" + reason + ")") + "; reconnecting", null));
        } else if (code == CloseCodes.POLICY_VIOLATION && reason.startsWith("authentication")) {
            fail(new AuthenticationException(reason));
        } else {
            fail(new ConnectionRejectedException(code, reason));
        }
    }

    /** The connection (or the attempt it belongs to) failed in a way worth retrying. */
    private void lost(Connection connection, ConnectionLostException error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (connection != current) {
            return;
        }
        dropConnection(false);
        retry(error);
    }

    private void retry(ConnectionLostException error) {
        failures++;
        if (failures > settings.maxRetries()) {
            fail(new RetriesExhaustedException(failures, settings.maxRetries(), error));
            return;
        }
        listeners.error(error);
        Duration delay = backoff.delay(failures);
        setState(ConnectionState.RECONNECTING);
        Listeners.LOG.log(System.Logger.Level.INFO, "reconnecting to {0} in {1} ms (retry {2} of {3})",
                settings.uri(), delay.toMillis(), failures, settings.maxRetries());
        retryTimer = loop.schedule(delay, this::attempt);
    }

    private void fail(TickstreamException error) {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (terminalError != null || state == ConnectionState.CLOSED) {
            return;
        }
        terminalError = error;
        ClientLoop.cancel(retryTimer);
        dropConnection(false);
        setState(ConnectionState.FAILED);
        listeners.error(error);
        firstConnect.completeExceptionally(error);
        sync.failAll(error);
        onEnd.accept(error);
    }

    private void closeNow() {
        assert loop.inLoop() : "confined to the client's loop thread";
        if (state == ConnectionState.CLOSED || state == ConnectionState.FAILED) {
            return;
        }
        ClientLoop.cancel(retryTimer);
        dropConnection(true);
        setState(ConnectionState.CLOSED);
        ClientClosedException closed = new ClientClosedException();
        terminalError = closed;
        firstConnect.completeExceptionally(closed);
        sync.failAll(closed);
        onEnd.accept(null);
    }

    private void dropConnection(boolean graceful) {
        heartbeat.stop();
        ClientLoop.cancel(authTimer);
        if (outbound != null) {
            outbound.stop();
        }
        if (current != null) {
            if (graceful) {
                current.close();
            } else {
                current.abort();
            }
        }
        sync.disconnected();
        current = null;
        outbound = null;
    }

    private void setState(ConnectionState next) {
        state = next;
        listeners.stateChanged(next);
    }
}
