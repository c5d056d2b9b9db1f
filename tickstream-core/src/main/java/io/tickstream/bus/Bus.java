package io.tickstream.bus;

import io.tickstream.instrument.Instrument;
import java.util.List;
import java.util.Map;
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

    /** The instrument catalog as the bus knows it now. */
    CompletionStage<List<Instrument>> loadCatalog();

    /** Whether the bus can deliver right now (for {@code /ready}). */
    boolean isConnected();

    /** Publishing onto this same bus. */
    MarketPublisher publisher();

    @Override
    void close();
}
