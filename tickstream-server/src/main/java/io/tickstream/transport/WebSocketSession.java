package io.tickstream.transport;

/**
 * A protocol's side of one upgraded connection. Every call arrives on the connection's event loop.
 */
public interface WebSocketSession {

    /**
     * Whether an inbound frame (a message, or a ping or pong) may be handled: every frame counts
     * against the session's rate limit. When not, the session has answered or closed already.
     */
    boolean admitFrame();

    /** A complete text message from the client, admitted already. */
    void onText(String text);

    /** The socket is writable again after having been above its high-water mark. */
    void onWritabilityChanged();

    /** The connection is gone; release everything held for it. Called exactly once. */
    void onClosed();
}
