package io.tickstream.client;

/** What one {@link Connection} reports; called on the JDK's WebSocket threads, one call at a time per connection. */
interface ConnectionEvents {

    /** A whole text message arrived. */
    void onText(Connection connection, String text);

    /** The server closed the connection (1006 when it dropped without a close frame). */
    void onClosed(Connection connection, int code, String reason);

    /** The connection failed: network error, protocol error, end of stream. */
    void onFailed(Connection connection, Throwable error);
}
