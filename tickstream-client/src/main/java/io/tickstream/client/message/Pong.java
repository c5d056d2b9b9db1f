package io.tickstream.client.message;

/** The answer to a JSON {@code ping}: the server's clock in epoch milliseconds. Immutable. */
public record Pong(long time) implements ControlMessage {
}
