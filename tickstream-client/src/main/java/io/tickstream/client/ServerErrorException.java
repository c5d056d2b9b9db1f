package io.tickstream.client;

import io.tickstream.client.message.ServerError;

/**
 * Not fatal: the server answered with {@code {"type":"error",...}} and kept the connection open, e.g.
 * an unknown symbol (it is dropped from the subscriptions) or {@code rate_limited} (the client pauses
 * sending for {@code retryAfterMs} by itself).
 */
public final class ServerErrorException extends TickstreamException {

    private final transient ServerError error;

    public ServerErrorException(ServerError error) {
        super("server error" + (error.code() == null ? "" : " " + error.code()) + ": " + error.message());
        this.error = error;
    }

    public ServerError error() {
        return error;
    }
}
