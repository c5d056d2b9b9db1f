package io.tickstream.client.message;

/** The server's first message on a connection. Immutable. */
public record Welcome(String message, long authTimeoutMs) implements ControlMessage {
}
