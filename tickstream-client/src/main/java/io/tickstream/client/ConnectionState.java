package io.tickstream.client;

/** Where a client is in its life. {@link #CLOSED} and {@link #FAILED} are final. */
public enum ConnectionState {
    /** Built, {@code connect()} not called yet. */
    IDLE,
    /** Opening a connection and authenticating. */
    CONNECTING,
    /** Authenticated: subscriptions are (re)sent and messages flow. */
    CONNECTED,
    /** The connection was lost or an attempt failed; the next attempt waits for its backoff delay. */
    RECONNECTING,
    /** Closed by {@code close()}. */
    CLOSED,
    /** Gave up: retries exhausted, or the server refused the client (bad credentials, a policy close). */
    FAILED
}
