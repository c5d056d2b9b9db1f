package io.tickstream.bus;

import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdateParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded bus: one JVM, no server. Publishing delivers synchronously on the publisher's
 * thread, in publish order; the latest state of each instrument is kept as a Redis gateway would
 * find it in {@code tickstream:state:{id}}. Thread-safe: publishing holds the bus's monitor, so
 * deliveries never interleave.
 */
public final class InProcessBus implements Bus, MarketPublisher {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, Instrument> catalog = new ConcurrentHashMap<>();
    /** Guarded by its own monitor, never held while delivering: readers are called under topic locks. */
    private final Map<String, Map<String, String>> states = new HashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private volatile BusListener listener;

    public InProcessBus(List<Instrument> instruments) {
        instruments.forEach(this::putInstrument);
    }

    @Override
    public void start(BusListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> subscribe(BusChannel kind, String key) {
        subscribed.add(kind.segment() + ':' + key);
        return DONE;
    }

    @Override
    public void unsubscribe(BusChannel kind, String key) {
        subscribed.remove(kind.segment() + ':' + key);
    }

    @Override
    public CompletionStage<Map<String, String>> loadState(String instrumentId) {
        synchronized (states) {
            Map<String, String> stored = states.get(instrumentId);
            return CompletableFuture.completedFuture(stored == null ? Map.of() : Map.copyOf(stored));
        }
    }

    @Override
    public CompletionStage<List<Instrument>> loadCatalog() {
        return CompletableFuture.completedFuture(List.copyOf(catalog.values()));
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public MarketPublisher publisher() {
        return this;
    }

    @Override
    public synchronized CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
            throws MalformedUpdateException {
        Map<String, String> paths = StateUpdateParser.parse(updateJson).toPaths();
        synchronized (states) {
            states.computeIfAbsent(instrumentId, id -> new HashMap<>()).putAll(paths);
        }
        return deliver(BusChannel.MARKET_DATA, instrumentId, updateJson);
    }

    @Override
    public synchronized CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        return deliver(BusChannel.TRADES, instrumentId, tradeJson);
    }

    @Override
    public synchronized CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        return deliver(BusChannel.ACCOUNT, account, eventJson);
    }

    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        catalog.put(instrument.id(), instrument);
        return DONE;
    }

    /** Delivers a raw payload as any program's plain {@code PUBLISH} would, unvalidated. */
    public synchronized void publishRaw(BusChannel kind, String key, String payload) {
        deliver(kind, key, payload);
    }

    private CompletionStage<Void> deliver(BusChannel kind, String key, String payload) {
        BusListener current = listener;
        if (current != null && subscribed.contains(kind.segment() + ':' + key)) {
            current.onMessage(kind, key, payload);
        }
        return DONE;
    }

    @Override
    public void close() {
        listener = null;
    }
}
