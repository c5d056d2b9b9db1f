package io.tickstream.client;

/**
 * Not fatal: a message handler or stream subscriber threw while handling a message. The message is
 * skipped for that handler only; the stream and every other handler go on. {@link #getCause()} is
 * what the handler threw.
 */
public final class HandlerException extends TickstreamException {

    private final transient Object failedMessage;

    public HandlerException(String channel, Object failedMessage, Throwable cause) {
        super("a handler of channel '" + channel + "' threw " + cause, cause);
        this.failedMessage = failedMessage;
    }

    /** The message (or {@link StreamBreak}) the handler failed on. */
    public Object failedMessage() {
        return failedMessage;
    }
}
