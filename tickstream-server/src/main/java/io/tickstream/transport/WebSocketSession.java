package io.tickstream.transport;

/**
 * A protocol's side of one upgraded connection. Every call arrives on the connection's event loop.
 */
public interface WebSocketSession {

    /** A complete text message from the client. */
    void onText(String text);

    /** The socket is writable again after having been above its high-water mark. */
    void onWritabilityChanged();

    /** The connection is gone; release everything held for it. Called exactly once. */
    void onClosed();
}
