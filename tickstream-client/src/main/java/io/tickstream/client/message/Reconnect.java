package io.tickstream.client.message;

/**
 * {@code {"type":"reconnect","reason":..,"retryAfterMs":N}}: the server is about to close the
 * connection (a node shutting down) and asks the client to come back after N milliseconds. Immutable.
 */
public record Reconnect(String reason, long retryAfterMs) implements ControlMessage {
}
