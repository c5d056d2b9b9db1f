package io.tickstream.client.message;

/**
 * An account event of a kind this client has no record for; {@link #data()} holds its payload.
 * Immutable.
 */
public record AccountEvent(String event, String data, long time, long seq) implements AccountMessage {
}
