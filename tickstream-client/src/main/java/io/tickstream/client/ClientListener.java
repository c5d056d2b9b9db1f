package io.tickstream.client;

/**
 * Told about a client's life: its state changes and every error, fatal or not. Called on the
 * client's own threads, one call at a time per event; must return quickly and must not block. An
 * exception it throws is logged and otherwise ignored.
 */
public interface ClientListener {

    /** The client moved to {@code state}; {@link ConnectionState#CONNECTING} once per connection attempt. */
    default void onStateChanged(ConnectionState state) {
    }

    /**
     * Something went wrong: a handler threw ({@link HandlerException}), the server answered with an
     * error ({@link ServerErrorException}), the connection was lost and is being re-established
     * ({@link ConnectionLostException}), or, last of all, the client gave up
     * ({@link RetriesExhaustedException}, {@link ConnectionRejectedException}).
     */
    default void onError(TickstreamException error) {
    }
}
