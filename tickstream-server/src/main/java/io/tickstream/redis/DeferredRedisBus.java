package io.tickstream.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.tickstream.alert.AlertStore;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamHistory;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis bus of a gateway that started while Redis could not be reached: it tries again with
 * backoff (0.1 s doubling to 5 s) until Redis answers, and until then is disconnected, answers no
 * {@code PING} and fails every read, so {@code /ready} says 503 and sessions are refused with a
 * retryable error. Once connected it is the {@link RedisBus}, and the listener is told as after a
 * reconnect. Thread-safe.
 */
public final class DeferredRedisBus implements Bus {

    private static final Logger log = LoggerFactory.getLogger(DeferredRedisBus.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final Supplier<RedisBus> connect;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final MarketPublisher publisher = new Publisher();
    private volatile RedisBus bus;
    private final DeferredAlertStore alerts = new DeferredAlertStore();
    private BusListener listener;
    private boolean closed;

    private DeferredRedisBus(Supplier<RedisBus> connect) {
        this.connect = connect;
    }

    /**
     * The Redis bus at {@code uri}: connected now when Redis answers, else one that connects as
     * soon as it does.
     */
    public static Bus connect(String uri, ChannelNames names, HistoryLimits limits, CandleSettings candles) {
        Supplier<RedisBus> connect = () -> RedisBus.connect(uri, names, limits, candles);
        try {
            return connect.get();
        } catch (RedisException e) {
            log.warn("Redis cannot be reached ({}); serving without it, not ready, until it can", e.getMessage());
            DeferredRedisBus deferred = new DeferredRedisBus(connect);
            deferred.retry(FIRST_RETRY_MILLIS);
            return deferred;
        }
    }

    private void retry(long delayMillis) {
        retries.schedule(() -> attempt(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void attempt(long delayMillis) {
        RedisBus connected;
        try {
            connected = connect.get();
        } catch (RedisException e) {
            retry(Math.min(delayMillis * 2, MAX_RETRY_MILLIS));
            return;
        }
        BusListener started;
        synchronized (this) {
            if (closed) {
                connected.close();
                return;
            }
            bus = connected;
            started = listener;
            if (started != null) {
                connected.start(started);
            }
        }
        alerts.connected(connected.alerts());
        log.info("Redis is reachable now: serving");
        if (started != null) {
            started.onReconnected();
        }
        retries.shutdown();
    }

    /** The price alerts, in Redis once it answers. */
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public synchronized void start(BusListener listener) {
        this.listener = listener;
        if (bus != null) {
            bus.start(listener);
        }
    }

    @Override
    public CompletionStage<Void> subscribe(BusChannel kind, String key) {
        RedisBus current = bus;
        return current == null ? notYet() : current.subscribe(kind, key);
    }

    @Override
    public void unsubscribe(BusChannel kind, String key) {
        RedisBus current = bus;
        if (current != null) {
            current.unsubscribe(kind, key);
        }
    }

    @Override
    public CompletionStage<Map<String, String>> loadState(String instrumentId) {
        RedisBus current = bus;
        return current == null ? notYet() : current.loadState(instrumentId);
    }

    @Override
    public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq, int limit) {
        RedisBus current = bus;
        return current == null ? notYet() : current.history(kind, key, epoch, afterSeq, limit);
    }

    @Override
    public CompletionStage<Long> historyLength(BusChannel kind, String key) {
        RedisBus current = bus;
        return current == null ? notYet() : current.historyLength(kind, key);
    }

    @Override
    public CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit) {
        RedisBus current = bus;
        return current == null ? notYet() : current.candles(instrumentId, interval, end, limit);
    }

    @Override
    public CompletionStage<List<Instrument>> loadCatalog() {
        RedisBus current = bus;
        return current == null ? notYet() : current.loadCatalog();
    }

    @Override
    public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
        RedisBus current = bus;
        return current == null ? notYet() : current.restoreCatalog(instruments);
    }

    @Override
    public boolean isConnected() {
        RedisBus current = bus;
        return current != null && current.isConnected();
    }

    @Override
    public CompletionStage<Void> ping() {
        RedisBus current = bus;
        return current == null ? notYet() : current.ping();
    }

    @Override
    public MarketPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        RedisBus current;
        synchronized (this) {
            closed = true;
            current = bus;
        }
        retries.shutdownNow();
        if (current != null) {
            current.close();
        }
    }

    private static <T> CompletionStage<T> notYet() {
        return CompletableFuture.failedFuture(new RedisConnectionException("Redis has not been reached yet"));
    }

    /** Publishes through the bus once it is connected; fails until then. */
    private final class Publisher implements MarketPublisher {
        @Override
        public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
                throws MalformedUpdateException {
            RedisBus current = bus;
            return current == null ? notYet() : current.publisher().publishMarketData(instrumentId, updateJson);
        }

        @Override
        public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
            RedisBus current = bus;
            return current == null ? notYet() : current.publisher().publishTrade(instrumentId, tradeJson);
        }

        @Override
        public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
            RedisBus current = bus;
            return current == null ? notYet() : current.publisher().publishAccountEvent(account, eventJson);
        }

        @Override
        public CompletionStage<Void> putInstrument(Instrument instrument) {
            RedisBus current = bus;
            return current == null ? notYet() : current.publisher().putInstrument(instrument);
        }
    }
}
