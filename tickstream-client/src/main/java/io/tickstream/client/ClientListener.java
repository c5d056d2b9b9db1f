package io.tickstream.client;

import java.net.URI;

/**
 * Told about a client's life: its state changes, every error, fatal or not, and the trade and
 * account streams that lost messages for good. Called on the
 * client's own threads, one call at a time per event; must return quickly and must not block. An
 * exception it throws is logged and otherwise ignored.
 */
public interface ClientListener {

    /** The client moved to {@code state}; {@link ConnectionState#CONNECTING} once per connection attempt. */
    default void onStateChanged(ConnectionState state) {
    }

    /**
     * The client connected to another node than the one it was last connected to: {@code to} now
     * serves its subscriptions, and trades and account events resume there where they stopped on
     * {@code from}. Told after the move to {@link ConnectionState#CONNECTED}, before resubscribing;
     * only for a client built with several URIs (behind one balanced URI a move cannot be seen).
     */
    default void onNodeChanged(URI from, URI to) {
    }

    /**
     * Something went wrong: a handler threw ({@link HandlerException}), the server answered with an
     * error ({@link ServerErrorException}), the connection was lost and is being re-established
     * ({@link ConnectionLostException}), or, last of all, the client gave up
     * ({@link RetriesExhaustedException}, {@link ConnectionRejectedException}).
     */
    default void onError(TickstreamException error) {
    }

    /**
     * After a reconnect the gateway could not resend what {@code stream} missed ({@code recovered:false}:
     * another epoch, or its history no longer reaches back far enough); the stream goes on live and
     * the application reconciles from its own records. Called on the receiving thread, after the
     * stream's messages from before and before those from after.
     */
    default void onRecoveryFailed(StreamId stream) {
    }

    /**
     * The gateway lost messages of {@code stream} from its bus and could not get them back (a
     * {@code gap}); the stream goes on and the application reconciles from its own records. Called
     * on the receiving thread, after the stream's messages from before and before those from after.
     */
    default void onGap(StreamId stream) {
    }
}
