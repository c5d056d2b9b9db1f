package io.tickstream.client;

/**
 * Messages of a trade or account stream that are lost for good: the stream goes on, and the
 * application reconciles what it missed from its own records (its orders and fills, say). Told to
 * {@link ClientListener#onRecoveryFailed} or {@link ClientListener#onGap}, and in order to the
 * feeds' {@link BreakAwareSubscriber}s and {@link MessageStream#breakHandler break handlers}. Immutable.
 */
public record StreamBreak(StreamId stream, Cause cause) {

    /** Why the messages are lost. */
    public enum Cause {
        /** After a reconnect the gateway could not resend what the stream missed ({@code recovered:false}). */
        NOT_RECOVERED,
        /** The gateway lost messages from its bus and could not get them back (a {@code gap} message). */
        GAP
    }
}
