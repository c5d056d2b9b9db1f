package io.tickstream.client;

import java.time.Duration;

/**
 * Not fatal: a connection was lost (network failure, a close code that means "reconnect", or a
 * dead peer found by the heartbeat) or an attempt failed; the client is reconnecting by itself.
 */
public class ConnectionLostException extends TickstreamException {

    private final transient Duration retryAfter;

    public ConnectionLostException(String message, Throwable cause) {
        this(message, cause, Duration.ZERO);
    }

    ConnectionLostException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked the client to wait before reconnecting (zero when it did not ask). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
