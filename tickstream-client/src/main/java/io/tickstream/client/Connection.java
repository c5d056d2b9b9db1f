package io.tickstream.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection of a client over the JDK's {@code java.net.http.WebSocket}: assembles
 * text messages, notes when anything last arrived (for the heartbeat), and reports to its
 * {@link ConnectionEvents}. The JDK calls the listener methods one at a time; sends are issued by
 * the client's loop thread, one text message outstanding at a time (see {@link Outbound}).
 */
final class Connection implements WebSocket.Listener {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final int id;
    private final ConnectionEvents events;
    private final StringBuilder text = new StringBuilder();
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile WebSocket webSocket;

    private Connection(int id, ConnectionEvents events) {
        this.id = id;
        this.events = events;
    }

    /** Starts the opening handshake; completes with the open connection, or exceptionally. */
    static CompletableFuture<Connection> open(HttpClient http, URI uri, Duration timeout, int id, ConnectionEvents events) {
        Connection connection = new Connection(id, events);
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(uri, connection);
        // The JDK bounds connecting; this bounds the whole handshake. One that completes too late is dropped.
        return handshake.copy().orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .whenComplete((webSocket, error) -> {
                    if (error != null) {
                        handshake.thenAccept(WebSocket::abort);
                    }
                })
                .thenApply(webSocket -> {
                    connection.webSocket = webSocket;
                    return connection;
                });
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    CompletableFuture<WebSocket> sendText(String message) {
        return webSocket.sendText(message, true);
    }

    void ping() {
        webSocket.sendPing(EMPTY.duplicate());
    }

    /** Says goodbye with a normal close and drops the connection after a short grace either way. */
    void close() {
        WebSocket current = webSocket;
        if (current != null) {
            current.sendClose(CloseCodes.NORMAL, "client closed")
                    .orTimeout(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((done, error) -> CompletableFuture.delayedExecutor(
                            CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(current::abort));
        }
    }

    /** Drops the connection at once, without a close handshake. */
    void abort() {
        WebSocket current = webSocket;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void onOpen(WebSocket socket) {
        this.webSocket = socket;
        received();
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        received();
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            events.onText(this, message);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        received();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
        received();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        received();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        events.onClosed(this, statusCode, reason == null ? "" : reason);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        events.onFailed(this, error);
    }

    private void received() {
        lastReceivedNanos = System.nanoTime();
    }

    @Override
    public String toString() {
        return "connection #" + id;
    }
}
