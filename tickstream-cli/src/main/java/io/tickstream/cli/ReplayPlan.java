package io.tickstream.cli;

import io.tickstream.client.message.MalformedMessageException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a replay publishes. Trades and account events always; for market data, per symbol, only the
 * most complete table it was recorded on — {@code states}, else {@code books}, else {@code ticks} —
 * because a tick or book is derived from the state the same update produced: publishing all three
 * would show a client intermediate states the original stream never had. Immutable.
 *
 * @param marketSource per symbol, the table its market data is replayed from
 * @param tradeSymbols symbols with recorded trades
 * @param depths       per symbol, the levels its instrument needs (deepest recorded book or state)
 */
record ReplayPlan(Map<String, String> marketSource, Set<String> tradeSymbols, Map<String, Integer> depths) {

    private static final List<String> PREFERENCE =
            List.of(RecordingTables.STATES, RecordingTables.BOOKS, RecordingTables.TICKS);

    static ReplayPlan of(RecordingReader reader) throws SQLException, MalformedMessageException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String table : PREFERENCE) {
            for (String symbol : reader.symbols(table)) {
                sources.putIfAbsent(symbol, table);
            }
        }
        return new ReplayPlan(sources, reader.symbols(RecordingTables.TRADES), reader.depths());
    }

    /** Every symbol the replay publishes for: each needs an instrument. */
    Set<String> symbols() {
        Set<String> symbols = new LinkedHashSet<>(marketSource.keySet());
        symbols.addAll(tradeSymbols);
        return symbols;
    }

    /** The levels the symbol's instrument needs (at least 1). */
    int depth(String symbol) {
        return Math.max(1, depths.getOrDefault(symbol, 1));
    }

    /** Whether a market message of {@code symbol} recorded in {@code table} is published. */
    boolean publishes(String table, String symbol) {
        return table.equals(RecordingTables.TRADES) || table.equals(marketSource.get(symbol));
    }
}
