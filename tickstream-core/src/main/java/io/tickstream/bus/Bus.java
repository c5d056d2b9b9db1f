package io.tickstream.bus;

import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a gateway takes its data from: the in-process bus or Redis Pub/Sub. A gateway subscribes
 * to a channel only while one of its clients needs it. All methods are non-blocking and may be
 * called from any thread; results complete on the bus's own threads.
 */
public interface Bus extends AutoCloseable {

    /** Starts delivery to the one listener of this gateway. */
    void start(BusListener listener);

    /** Subscribes a channel; completes once messages on it will be delivered. */
    CompletionStage<Void> subscribe(BusChannel kind, String key);

    void unsubscribe(BusChannel kind, String key);

    /** The stored latest state of an instrument in flat path form, empty when none is stored. */
    CompletionStage<Map<String, String>> loadState(String instrumentId);

    /**
     * Reads the history of a trade or account stream: its position now and, for
     * {@code afterSeq >= 0}, the messages it still holds after {@code afterSeq} of {@code epoch}
     * (every message it holds when {@code epoch} is not the stream's current one). A stream never
     * published to gets its epoch here, so its position is known before its first message.
     *
     * @param afterSeq the last seq already had, or a negative number for the position only
     */
    default CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq) {
        return history(kind, key, epoch, afterSeq, Integer.MAX_VALUE);
    }

    /**
     * Reads one page of a stream's history: as {@link #history(BusChannel, String, String, long)},
     * but at most the {@code limit} oldest of the messages after {@code afterSeq}, so that a long
     * replay is read as it is sent instead of all at once.
     */
    CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq, int limit);

    /** How many messages the history of one trade or account stream holds now. */
    CompletionStage<Long> historyLength(BusChannel kind, String key);

    /**
     * At most {@code limit} bars of one instrument and interval that start at or before {@code end}
     * (epoch ms), oldest first; the open bar is the last when it starts at or before {@code end}.
     */
    CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit);

    /** The instrument catalog as the bus knows it now. */
    CompletionStage<List<Instrument>> loadCatalog();

    /**
     * Writes instruments back into the bus's catalog, each unless its id has an entry there: a
     * gateway that finds the catalog gone (Redis restarted empty) restores what it knows.
     */
    CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments);

    /** Whether the bus can deliver right now (for {@code /ready}). */
    boolean isConnected();

    /**
     * Asks the bus to answer, for a readiness probe: completes when it has, exceptionally when it
     * cannot. A bus in this process always answers at once.
     */
    default CompletionStage<Void> ping() {
        return CompletableFuture.completedFuture(null);
    }

    /** Publishing onto this same bus. */
    MarketPublisher publisher();

    @Override
    void close();
}
