package io.tickstream.bus;

/**
 * Where a trade or account stream stands: its epoch and the seq of its latest message (0 before
 * the first). Immutable.
 */
public record StreamPosition(String epoch, long seq) {

    public StreamPosition {
        if (epoch == null) {
            throw new IllegalArgumentException("a stream position needs an epoch");
        }
    }

    /** Whether {@code message} is the one right after this position. */
    public boolean precedes(Sequenced message) {
        return epoch.equals(message.epoch()) && message.seq() == seq + 1;
    }
}
