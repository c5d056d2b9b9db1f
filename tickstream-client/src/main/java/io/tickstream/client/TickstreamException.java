package io.tickstream.client;

/**
 * Base of every error the client reports, to {@link ClientListener#onError}, from {@code connect()},
 * and as the terminal error of streams. Unchecked.
 */
public class TickstreamException extends RuntimeException {

    public TickstreamException(String message) {
        super(message);
    }

    public TickstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
