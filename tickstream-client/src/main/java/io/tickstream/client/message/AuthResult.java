package io.tickstream.client.message;

/** The answer to {@code auth}; on failure the server closes the connection with 1008. Immutable. */
public record AuthResult(boolean success, String message) implements ControlMessage {
}
