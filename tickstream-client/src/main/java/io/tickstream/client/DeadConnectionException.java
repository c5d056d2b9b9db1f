package io.tickstream.client;

import java.time.Duration;

/** Not fatal: nothing (no pong, no message) came back within {@code pingTimeout} of a ping; the client reconnects. */
public final class DeadConnectionException extends ConnectionLostException {

    public DeadConnectionException(Duration pingTimeout) {
        super("no pong or message within " + pingTimeout.toMillis() + " ms of a ping: the connection is dead", null);
    }
}
