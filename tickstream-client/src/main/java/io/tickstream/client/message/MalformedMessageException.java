package io.tickstream.client.message;

/** A server message that is not valid JSON or lacks a field its type needs. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
