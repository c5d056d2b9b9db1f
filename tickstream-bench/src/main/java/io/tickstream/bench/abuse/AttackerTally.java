package io.tickstream.bench.abuse;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What one attacker achieved in its phase, counted by its threads as they go. Thread-safe; read it
 * after {@link Attack#stop}.
 */
public final class AttackerTally {

    private final String unit;
    private final LongAdder opened = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder closedByServer = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();

    /** @param unit what the attacker counts as it sends ("requests", "pings"), or null when only bytes count */
    AttackerTally(String unit) {
        this.unit = unit;
    }

    void opened() {
        opened.increment();
    }

    void refused() {
        refused.increment();
    }

    void closedByServer() {
        closedByServer.increment();
    }

    void sent(long bytes, long units) {
        bytesSent.add(bytes);
        sent.add(units);
    }

    /** Counts how the gateway answered one thing the attacker did, e.g. {@code oversized.1009}. */
    void outcome(String key) {
        outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** TCP connections the attacker got. */
    public long connectionsOpened() {
        return opened.sum();
    }

    /** Connection attempts or WebSocket upgrades the gateway turned down. */
    public long refusedByServer() {
        return refused.sum();
    }

    /** Connections the gateway ended while the attacker still held them. */
    public long connectionsClosedByServer() {
        return closedByServer.sum();
    }

    /** Bytes the gateway took from the attacker (written into the socket). */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Requests, frames or messages sent, in this attacker's unit; 0 for an attacker without one. */
    public long unitsSent() {
        return sent.sum();
    }

    /** How often the gateway answered each way, by key. */
    private Map<String, Long> outcomes() {
        return outcomes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(), (a, b) -> a, TreeMap::new));
    }

    /** {@code attacker.key=value} pairs for a summary line. */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "attacker.opened=%d attacker.refused=%d attacker.closedByServer=%d attacker.bytesSent=%d",
                connectionsOpened(), refusedByServer(), connectionsClosedByServer(), bytesSent()));
        if (unit != null) {
            line.append(" attacker.").append(unit).append('=').append(unitsSent());
        }
        outcomes().forEach((key, count) -> line.append(" attacker.").append(key).append('=').append(count));
        return line.toString();
    }

    /** The same for a reader, e.g. "4 opened, 0 refused, 2 closed by server, 12.3 MiB sent (35,200 requests)". */
    public String prose() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%,d opened, %,d refused, %,d closed by server, %.1f MiB sent",
                connectionsOpened(), refusedByServer(), connectionsClosedByServer(), bytesSent() / 1048576.0));
        if (unit != null) {
            text.append(String.format(Locale.ROOT, " (%,d %s)", unitsSent(), unit));
        }
        if (!outcomes.isEmpty()) {
            text.append("; answers: ").append(outcomes().entrySet().stream()
                    .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return text.toString();
    }
}
