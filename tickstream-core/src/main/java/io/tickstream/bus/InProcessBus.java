package io.tickstream.bus;

import io.tickstream.instrument.Catalog;
import io.tickstream.candle.Bar;
import io.tickstream.candle.BarStore;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.candle.MidQuote;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.NameTakenException;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StatePaths;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.util.Collection;
import io.tickstream.trade.TradeParser;
import io.tickstream.trade.TradePrint;
import java.math.BigDecimal;
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
 * find it in {@code tickstream:state:{id}}, and each trade and account stream keeps its history in
 * a ring, stamped with seq and the bus's epoch exactly as the Redis publish scripts stamp them.
 * Each trade also updates its instrument's bars in a {@link BarStore} (kept in a directory across
 * restarts when the candle settings name one).
 * Thread-safe: publishing holds the bus's monitor, so deliveries never interleave.
 */
public final class InProcessBus implements Bus, MarketPublisher {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Catalog catalog = new Catalog();
    /** Guarded by its own monitor, never held while delivering: readers are called under topic locks. */
    private final Map<String, Map<String, String>> states = new HashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    /** Guarded by its own monitor, never held while delivering: history is read under topic locks. */
    private final Map<String, StreamLog> streams = new HashMap<>();
    private final String epoch = StreamStamp.newEpoch();
    private final HistoryLimits limits;
    private final BarStore bars;
    private volatile BusListener listener;

    public InProcessBus(List<Instrument> instruments) {
        this(instruments, HistoryLimits.defaults());
    }

    public InProcessBus(List<Instrument> instruments, HistoryLimits limits) {
        this(instruments, limits, CandleSettings.defaults());
    }

    /** @throws java.io.UncheckedIOException when the bars kept in the settings' directory cannot be read */
    public InProcessBus(List<Instrument> instruments, HistoryLimits limits, CandleSettings candles) {
        this.limits = limits;
        this.bars = new BarStore(candles);
        instruments.forEach(catalog::put);
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
        return CompletableFuture.completedFuture(catalog.all());
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
    public CompletionStage<StreamHistory> history(BusChannel kind, String key, String askedEpoch, long afterSeq,
                                                  int limit) {
        synchronized (streams) {
            return CompletableFuture.completedFuture(
                    stream(kind, key).read(askedEpoch, afterSeq, limit, System.currentTimeMillis(), limits));
        }
    }

    @Override
    public CompletionStage<Long> historyLength(BusChannel kind, String key) {
        synchronized (streams) {
            StreamLog log = streams.get(kind.segment() + ':' + key);
            return CompletableFuture.completedFuture(log == null ? 0L : (long) log.size(System.currentTimeMillis(), limits));
        }
    }

    /**
     * Stores and delivers an update; one without its own seq and epoch is stamped with the next
     * seq of the instrument and the epoch of its stored state (the bus's epoch for a new one).
     */
    @Override
    public synchronized CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
            throws MalformedUpdateException {
        StateUpdate update = StateUpdateParser.parse(updateJson);
        Map<String, String> paths = update.toPaths();
        String published = updateJson;
        synchronized (states) {
            Map<String, String> stored = states.computeIfAbsent(instrumentId, id -> new HashMap<>());
            if (update.seq() == StateUpdate.ABSENT && update.epoch() == null) {
                String storedEpoch = stored.get(StatePaths.EPOCH);
                String stampEpoch = StreamStamp.isPlain(storedEpoch) ? storedEpoch : epoch;
                long seq = Long.parseLong(stored.getOrDefault(StatePaths.SEQ, "0")) + 1;
                published = StreamStamp.stamped(seq, stampEpoch, StreamStamp.tail(updateJson));
                paths.put(StatePaths.SEQ, Long.toString(seq));
                paths.put(StatePaths.EPOCH, stampEpoch);
            }
            stored.putAll(paths);
            addMid(instrumentId, paths, stored);
        }
        return deliver(BusChannel.MARKET_DATA, instrumentId, published);
    }

    /**
     * For an instrument with mid candles, an update that sets the level-1 bid or ask adds the new
     * mid ((bid + ask) / 2, exact) to its bars, with no volume. Call holding the monitor of {@code states}.
     */
    private void addMid(String instrumentId, Map<String, String> paths, Map<String, String> stored) {
        Instrument instrument = catalog.byId(instrumentId).orElse(null);
        if (instrument == null || !instrument.midCandles()
                || !(paths.containsKey(MidQuote.BID) || paths.containsKey(MidQuote.ASK))) {
            return;
        }
        BigDecimal mid = MidQuote.of(stored.get(MidQuote.BID), stored.get(MidQuote.ASK));
        if (mid != null) {
            String ts = stored.get(StatePaths.TS);
            long time = ts != null && paths.containsKey(StatePaths.TS) ? Long.parseLong(ts) : System.currentTimeMillis();
            bars.addTrade(instrumentId, time, mid, BigDecimal.ZERO);
        }
    }

    @Override
    public CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit) {
        return CompletableFuture.completedFuture(bars.read(instrumentId, interval, end, limit));
    }

    /** Appends and delivers the trade, then adds it to the bars, as one step under the bus's monitor. */
    @Override
    public synchronized CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        CompletionStage<Void> appended = append(BusChannel.TRADES, instrumentId, tradeJson);
        if (appended.toCompletableFuture().isCompletedExceptionally()) {
            return appended;
        }
        try {
            TradePrint trade = TradeParser.parse(tradeJson, System.currentTimeMillis());
            bars.addTrade(instrumentId, trade.time(), new BigDecimal(trade.price()), new BigDecimal(trade.quantity()));
            return appended;
        } catch (MalformedUpdateException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        return append(BusChannel.ACCOUNT, account, eventJson);
    }

    /** Call holding the bus's monitor, so that messages are delivered in the order they were stamped. */
    private CompletionStage<Void> append(BusChannel kind, String key, String json) {
        try {
            String tail = kind == BusChannel.TRADES ? StreamStamp.tradeTail(json) : StreamStamp.accountEventTail(json);
            String stamped;
            synchronized (streams) {
                stamped = stream(kind, key).appendTail(tail, System.currentTimeMillis(), limits);
            }
            return deliver(kind, key, stamped);
        } catch (MalformedUpdateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Call holding the monitor of {@code streams}. */
    private StreamLog stream(BusChannel kind, String key) {
        return streams.computeIfAbsent(kind.segment() + ':' + key, name -> new StreamLog(epoch));
    }

    @Override
    public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
        for (Instrument instrument : instruments) {
            if (catalog.byId(instrument.id()).isEmpty()) {
                putInstrument(instrument);
            }
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        try {
            catalog.put(instrument);
        } catch (NameTakenException e) {
            return CompletableFuture.failedFuture(e);
        }
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
        bars.close();
    }
}
