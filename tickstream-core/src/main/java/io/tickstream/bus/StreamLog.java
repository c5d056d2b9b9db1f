package io.tickstream.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The in-process bus's history of one trade or account stream: a ring of the latest stamped
 * messages within the {@link HistoryLimits}, and the stream's counter. Not thread-safe: the bus
 * calls it holding its monitor.
 */
final class StreamLog {

    private record Entry(long seq, long timeMillis, String payload) {
    }

    private final String epoch;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long seq;

    StreamLog(String epoch) {
        this.epoch = epoch;
    }

    /** Stamps the next message (given as its {@link StreamStamp#tail}), keeps it and returns its published text. */
    String appendTail(String tail, long nowMillis, HistoryLimits limits) {
        String stamped = StreamStamp.stamped(++seq, epoch, tail);
        entries.addLast(new Entry(seq, nowMillis, stamped));
        trim(nowMillis, limits);
        return stamped;
    }

    /** The position and at most {@code limit} kept messages after {@code afterSeq} ({@code < 0}: the position only). */
    StreamHistory read(String askedEpoch, long afterSeq, int limit, long nowMillis, HistoryLimits limits) {
        trim(nowMillis, limits);
        StreamPosition position = new StreamPosition(epoch, seq);
        if (afterSeq < 0) {
            return new StreamHistory(position, List.of());
        }
        long after = epoch.equals(askedEpoch) ? afterSeq : 0;
        List<String> payloads = new ArrayList<>();
        for (Entry entry : entries) {
            if (payloads.size() == limit) {
                break;
            }
            if (entry.seq() > after) {
                payloads.add(entry.payload());
            }
        }
        return new StreamHistory(position, payloads);
    }

    /** How many messages the history holds within its limits. */
    int size(long nowMillis, HistoryLimits limits) {
        trim(nowMillis, limits);
        return entries.size();
    }

    private void trim(long nowMillis, HistoryLimits limits) {
        long oldest = nowMillis - limits.maxAge().toMillis();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entries.size() <= limits.maxMessages() && entry.timeMillis() >= oldest) {
                return;
            }
            it.remove();
        }
    }
}
