package io.tickstream.transport;

/**
 * How a WebSocket connection ended: the first close frame of the closing handshake, who sent it,
 * its code and reason. Immutable.
 *
 * @param byServer whether this side sent the first close frame
 */
public record CloseStatus(boolean byServer, int code, String reason) {
}
