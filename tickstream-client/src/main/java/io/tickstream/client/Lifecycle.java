package io.tickstream.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a client is in its life, as every thread sees it: its {@link ConnectionState} (each change
 * told to the listeners), the connection attempts made, how it ended, and the first connection that
 * {@code connect()} waits for. Changed only by the supervisor on the client's loop thread, which
 * decides the transitions; read from any thread.
 */
final class Lifecycle {

    private final Listeners listeners;
    private final AtomicInteger attempts = new AtomicInteger();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile ConnectionState state = ConnectionState.IDLE;
    private volatile TickstreamException terminalError;

    Lifecycle(Listeners listeners) {
        this.listeners = listeners;
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

    /** Completes at the first successful authentication; fails with the error the client ended with. */
    CompletableFuture<Void> firstConnect() {
        return firstConnect;
    }

    /** Counts a new connection attempt and moves to {@link ConnectionState#CONNECTING}; returns the attempt's number. */
    int newAttempt() {
        int id = attempts.incrementAndGet();
        moveTo(ConnectionState.CONNECTING);
        return id;
    }

    void moveTo(ConnectionState next) {
        state = next;
        listeners.stateChanged(next);
    }

    /** Authenticated (after the move to {@link ConnectionState#CONNECTED}): {@code connect()} returns. */
    void connected() {
        firstConnect.complete(null);
    }

    /** The client gave up or was refused: the error is reported and {@code connect()} throws it. */
    void failed(TickstreamException error) {
        terminalError = error;
        moveTo(ConnectionState.FAILED);
        listeners.error(error);
        firstConnect.completeExceptionally(error);
    }

    /** The client was closed; returns what {@code connect()} and pending subscriptions fail with. */
    ClientClosedException closed() {
        moveTo(ConnectionState.CLOSED);
        ClientClosedException closed = new ClientClosedException();
        terminalError = closed;
        firstConnect.completeExceptionally(closed);
        return closed;
    }
}
