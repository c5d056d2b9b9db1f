package io.tickstream.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed market-data update: the fields it sets, and the optional sequence number, epoch and
 * source time of its envelope. Immutable.
 *
 * @param seq        the publisher's per-instrument counter, or {@link #ABSENT}
 * @param epoch      the publisher's epoch of that counter (a new one restarts it), or null when not given
 * @param sourceTime source time in epoch milliseconds, or {@link #ABSENT}
 */
public record StateUpdate(long seq, String epoch, long sourceTime, List<FieldChange> changes) {

    public static final long ABSENT = -1;

    public StateUpdate {
        changes = List.copyOf(changes);
    }

    /** An update without an epoch. */
    public StateUpdate(long seq, long sourceTime, List<FieldChange> changes) {
        this(seq, null, sourceTime, changes);
    }

    /** The flat form kept by state stores (a Redis hash or the in-process store). */
    public Map<String, String> toPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (FieldChange change : changes) {
            paths.put(change.path(), change.value());
        }
        if (seq != ABSENT) {
            paths.put(StatePaths.SEQ, Long.toString(seq));
        }
        if (epoch != null) {
            paths.put(StatePaths.EPOCH, epoch);
        }
        if (sourceTime != ABSENT) {
            paths.put(StatePaths.TS, Long.toString(sourceTime));
        }
        return paths;
    }
}
