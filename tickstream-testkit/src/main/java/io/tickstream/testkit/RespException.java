package io.tickstream.testkit;

/** An error reply from Redis (a RESP {@code -} reply), carrying its text; an immutable value. */
public final class RespException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the error text Redis sent, e.g. {@code ERR unknown command}. */
    public RespException(String error) {
        super(error);
    }
}
