package io.tickstream.client.message;

/**
 * {@code {"type":"token_expiring","expiresInMs":N}}: the session's token expires in N milliseconds;
 * a fresh token for the same account keeps it going. Immutable.
 */
public record TokenExpiring(long expiresInMs) implements ControlMessage {
}
