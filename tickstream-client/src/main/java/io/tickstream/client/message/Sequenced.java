package io.tickstream.client.message;

/**
 * A message that carries its stream's sequence number ({@code "seq"}) when the server sent one: for
 * ticks, books and states the instrument's state version (it only grows and may skip numbers), for
 * trades and account events the position in their stream (one more per message). Immutable.
 */
public sealed interface Sequenced permits MarketMessage, AccountMessage {

    /** What {@link #seq()} is for a message without {@code seq} (a plain Redis PUBLISH by another program). */
    long NO_SEQ = -1;

    /** The message's sequence number, or {@link #NO_SEQ}. */
    long seq();
}
