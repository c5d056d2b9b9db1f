package io.tickstream.state;

/** An update that cannot be applied: not JSON, wrong types, unknown fields or levels. */
public final class MalformedUpdateException extends Exception {

    public MalformedUpdateException(String message) {
        super(message);
    }

    public MalformedUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
