package io.tickstream.bench.fault;

import java.util.BitSet;
import java.util.StringJoiner;

/**
 * One client's view of one stream: which seqs after its subscription position arrived, which came
 * twice, which came after a higher one. Thread-safe: written on the client's event loop, read by
 * the driving thread.
 */
final class StreamTally {

    /** What one arrival was to the client. */
    enum Arrival {
        NEW,
        DUPLICATE,
        /** At or before the subscription position: not the client's to get, neither new nor a duplicate. */
        BEFORE_START
    }

    /** The position the subscription reply gave: the client expects every seq after it. */
    private final long start;
    /** Bit {@code i}: seq {@code start + 1 + i} arrived. */
    private final BitSet seen = new BitSet();
    private long highest;
    private long duplicates;
    private long outOfOrder;

    StreamTally(long start) {
        this.start = start;
        this.highest = start;
    }

    /** Counts one arrival of {@code seq}. */
    synchronized Arrival receive(long seq) {
        if (seq <= start) {
            return Arrival.BEFORE_START;
        }
        int bit = Math.toIntExact(seq - start - 1);
        if (seen.get(bit)) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        seen.set(bit);
        if (seq < highest) {
            outOfOrder++;
        } else {
            highest = seq;
        }
        return Arrival.NEW;
    }

    /** The seqs the client should have got: after its start up to {@code last}. */
    long expected(long last) {
        return Math.max(0, last - start);
    }

    /** Of those, the ones that never came. */
    synchronized long lost(long last) {
        int range = (int) expected(last);
        return range - seen.get(0, range).cardinality();
    }

    /** The first {@code ranges} runs of lost seqs, as {@code 17-18,40}. */
    synchronized String lostSeqs(long last, int ranges) {
        int range = (int) expected(last);
        StringJoiner runs = new StringJoiner(",");
        int from = seen.nextClearBit(0);
        for (int n = 0; n < ranges && from < range; n++) {
            int to = Math.min(range, seen.nextSetBit(from) < 0 ? range : seen.nextSetBit(from));
            long first = start + 1 + from;
            long lastLost = start + to;
            runs.add(first == lastLost ? Long.toString(first) : first + "-" + lastLost);
            from = seen.nextClearBit(to);
        }
        return runs.toString();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }
}
