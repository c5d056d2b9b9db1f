package io.tickstream.client;

/**
 * Not fatal: a connection was lost (network failure, a close code that means "reconnect", or a
 * dead peer found by the heartbeat) or an attempt failed; the client is reconnecting by itself.
 */
public class ConnectionLostException extends TickstreamException {

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
