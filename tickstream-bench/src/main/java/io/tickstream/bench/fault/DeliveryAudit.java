package io.tickstream.bench.fault;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Every client's tallies summed against how far each stream went. Immutable.
 *
 * @param expected   over all clients and streams, the seqs published after the client's subscription position
 * @param lost       of those, the ones the client never got
 * @param duplicated seqs a client got more than once (each extra copy counts)
 * @param outOfOrder seqs a client got after a higher one of the same stream
 * @param lostBy     the streams that lost anything: {@code label:lost[first runs of the first client that
 *                   lost there]}, comma separated; empty when nothing was lost
 */
public record DeliveryAudit(long expected, long lost, long duplicated, long outOfOrder, String lostBy) {

    private static final int RUNS_SHOWN = 3;

    /** @param last the latest seq of every stream, by label */
    static DeliveryAudit of(List<Map<String, StreamTally>> clients, Map<String, Long> last) {
        long expected = 0;
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        Map<String, Long> lostByStream = new TreeMap<>();
        Map<String, String> firstRuns = new TreeMap<>();
        for (Map<String, StreamTally> tallies : clients) {
            for (Map.Entry<String, StreamTally> entry : tallies.entrySet()) {
                StreamTally tally = entry.getValue();
                long latest = last.getOrDefault(entry.getKey(), 0L);
                long missing = tally.lost(latest);
                expected += tally.expected(latest);
                lost += missing;
                duplicated += tally.duplicates();
                outOfOrder += tally.outOfOrder();
                if (missing > 0) {
                    lostByStream.merge(entry.getKey(), missing, Long::sum);
                    firstRuns.putIfAbsent(entry.getKey(), tally.lostSeqs(latest, RUNS_SHOWN));
                }
            }
        }
        StringJoiner lostBy = new StringJoiner(",");
        lostByStream.forEach((label, count) -> lostBy.add(label + ":" + count + "[" + firstRuns.get(label) + "]"));
        return new DeliveryAudit(expected, lost, duplicated, outOfOrder, lostBy.toString());
    }
}
