package io.tickstream.bus;

import java.util.List;

/**
 * What a stream's history answered: the stream's position now and the messages it still holds
 * after the asked-for seq, oldest first, as their published (stamped) payloads. Immutable.
 *
 * @param position the stream's epoch and latest seq at the moment of the read
 * @param payloads messages after the asked-for seq, in order; all the history holds when the asked-for
 *                 epoch is not the stream's; none when only the position was asked for
 */
public record StreamHistory(StreamPosition position, List<String> payloads) {

    public StreamHistory {
        payloads = List.copyOf(payloads);
    }
}
