package io.tickstream.client;

import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.StreamPosition;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The last known {@code (epoch, seq)} of the account stream and of each trade stream (symbols matched
 * ignoring case), kept across reconnects: the resume points sent as {@code since}, and the marks below
 * which a message is a duplicate. Written on the receiving thread, read on the loop thread; thread-safe.
 */
final class StreamPositions {

    private final Map<String, StreamPosition> trades = new HashMap<>();
    private StreamPosition account;

    /** The stream's position, or null when none is known. */
    synchronized StreamPosition get(StreamId stream) {
        return stream.kind() == StreamId.Kind.ACCOUNT ? account : trades.get(fold(stream.symbol()));
    }

    /** Replaces the stream's position; null forgets it. */
    synchronized void set(StreamId stream, StreamPosition position) {
        if (stream.kind() == StreamId.Kind.ACCOUNT) {
            account = position;
        } else if (position == null) {
            trades.remove(fold(stream.symbol()));
        } else {
            trades.put(fold(stream.symbol()), position);
        }
    }

    /**
     * Takes the seq of the stream's next message: false, leaving the position as it was, when it is
     * not above the last one (a duplicate); true otherwise, the position then being {@code seq}.
     */
    synchronized boolean advance(StreamId stream, long seq) {
        StreamPosition last = get(stream);
        if (last != null && last.seq() != Sequenced.NO_SEQ && seq <= last.seq()) {
            return false;
        }
        set(stream, new StreamPosition(last == null ? null : last.epoch(), seq));
        return true;
    }

    /** Where to resume the stream ({@code since}): its position when epoch and seq are both known, else null. */
    synchronized StreamPosition resumePoint(StreamId stream) {
        StreamPosition position = get(stream);
        return position != null && position.epoch() != null && position.seq() != Sequenced.NO_SEQ ? position : null;
    }

    private static String fold(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }
}
