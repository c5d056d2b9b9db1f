package io.tickstream.client.message;

/**
 * The answer to {@code auth}; on failure the server closes the connection with 1008. Immutable.
 *
 * @param account   the account stream's latest position, or null when the session gets no private events
 * @param recovered whether the account events after the auth's {@code since} follow the reply;
 *                  null when the auth had no {@code since}
 */
public record AuthResult(boolean success, String message, StreamPosition account, Boolean recovered)
        implements ControlMessage {
}
