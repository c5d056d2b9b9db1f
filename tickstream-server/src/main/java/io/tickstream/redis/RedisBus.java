package io.tickstream.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.bus.StreamStamp;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The Redis bus on Lettuce, on one Redis or on a Redis Cluster ({@code redis-cluster://}, sharded
 * Pub/Sub and hash-tagged names: see {@link ChannelNames}). Lettuce reconnects with exponential
 * backoff; once it has, the listener is told so it can resubscribe and reload what it missed.
 * Thread-safe; callbacks arrive on Lettuce's threads.
 */
public final class RedisBus implements Bus {

    private final ChannelNames names;
    private final ClientResources resources;
    private final RedisLink link;
    private final RedisScripts scripts;
    private final RedisPublisher publisher;
    private final CatalogHash catalogHash = new CatalogHash();
    /**
     * How long the position of a stream that was read but never published to is kept: a week, or the
     * history's age when longer. A session that outlives it sees a gap at the stream's first message.
     */
    private static final Duration MIN_POSITION_TTL = Duration.ofDays(7);
    private final Duration positionTtl;
    private final RedisAlertStore alerts;

    private RedisBus(ClientResources resources, RedisLink link, ChannelNames names, RedisScripts scripts,
                     HistoryLimits limits, CandleSettings candles) {
        this.resources = resources;
        this.link = link;
        this.names = names;
        this.scripts = scripts;
        this.publisher = new RedisPublisher(link.commands(), names, limits, scripts, catalogHash, candles);
        this.positionTtl = limits.maxAge().compareTo(MIN_POSITION_TTL) > 0 ? limits.maxAge() : MIN_POSITION_TTL;
        this.alerts = new RedisAlertStore(link.commands(), names, limits, names.tagged());
    }

    /**
     * Connects now.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached at start-up
     */
    public static RedisBus connect(String uri, ChannelNames names) {
        return connect(uri, names, HistoryLimits.defaults());
    }

    /**
     * Connects as {@link #connect(String, ChannelNames)}, its publisher keeping histories within
     * {@code limits}. A {@code redis-cluster://} URI connects to a cluster, with the names tagged.
     */
    public static RedisBus connect(String uri, ChannelNames names, HistoryLimits limits) {
        return connect(uri, names, limits, CandleSettings.defaults());
    }

    /** Connects as {@link #connect(String, ChannelNames, HistoryLimits)}, its publisher building bars with {@code candles}. */
    public static RedisBus connect(String uri, ChannelNames names, HistoryLimits limits, CandleSettings candles) {
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        try {
            if (RedisUris.isCluster(uri)) {
                return new RedisBus(resources, new ClusterRedisLink(resources, RedisUris.seeds(uri)), names.clustered(),
                        RedisScripts.of(true), limits, candles);
            }
            return new RedisBus(resources, new SingleRedisLink(resources, RedisURI.create(uri)), names,
                    RedisScripts.of(false), limits, candles);
        } catch (RuntimeException e) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The price alerts kept in this Redis, fired onto this bus's account streams. */
    public RedisAlertStore alerts() {
        return alerts;
    }

    /** The names this bus uses: tagged on a cluster. */
    public ChannelNames names() {
        return names;
    }

    @Override
    public void start(BusListener listener) {
        link.start((channel, message) -> {
            ChannelNames.Address address = names.parse(channel);
            if (address != null) {
                listener.onMessage(address.kind(), address.key(), message);
            }
        }, listener::onReconnected);
    }

    @Override
    public CompletionStage<Void> subscribe(BusChannel kind, String key) {
        return link.subscribe(names.channel(kind, key));
    }

    @Override
    public void unsubscribe(BusChannel kind, String key) {
        link.unsubscribe(names.channel(kind, key));
    }

    @Override
    public CompletionStage<Map<String, String>> loadState(String instrumentId) {
        return commands().hgetall(names.stateKey(instrumentId));
    }

    @Override
    public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq, int limit) {
        String[] keys = {names.historyKey(kind, key), names.streamKey(kind, key)};
        return commands().<List<Object>>eval(scripts.readHistory(), ScriptOutputType.MULTI, keys,
                StreamStamp.newEpoch(), epoch == null ? "" : epoch, Long.toString(afterSeq),
                Long.toString(positionTtl.toMillis()), Integer.toString(limit)).thenApply(RedisBus::history);
    }

    @Override
    public CompletionStage<Long> historyLength(BusChannel kind, String key) {
        return commands().xlen(names.historyKey(kind, key));
    }

    @Override
    public CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit) {
        String[] keys = {names.candleKey(instrumentId, RedisPublisher.OPEN_BARS), names.candleKey(instrumentId, interval.label())};
        return commands().<List<Object>>eval(scripts.readBars(), ScriptOutputType.MULTI, keys,
                        Integer.toString(interval.ordinal() + 1), Long.toString(end), Integer.toString(limit))
                .thenApply(newestFirst -> {
                    List<Bar> bars = new ArrayList<>(newestFirst.size());
                    for (int i = newestFirst.size() - 1; i >= 0; i--) {
                        bars.add(Bar.parse((String) newestFirst.get(i)));
                    }
                    return bars;
                });
    }

    @Override
    public CompletionStage<List<Instrument>> loadCatalog() {
        return commands().hgetall(names.catalogKey()).thenApply(catalogHash::read);
    }

    /** Writes each instrument into the catalog hash unless its id has an entry there ({@code HSETNX}). */
    @Override
    public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
        CompletableFuture<?>[] writes = instruments.stream()
                .map(instrument -> commands().hsetnx(names.catalogKey(), instrument.id(), InstrumentJson.write(instrument))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(writes);
    }

    /** Catalog entries found invalid by the reads so far, each distinct one counted once. */
    public long refusedCatalogEntries() {
        return catalogHash.refused();
    }

    @Override
    public boolean isConnected() {
        return link.isConnected();
    }

    @Override
    public CompletionStage<Void> ping() {
        return commands().ping().thenApply(pong -> null);
    }

    @Override
    public MarketPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        alerts.shutdown();
        link.close();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        return link.commands();
    }

    /** {@code {epoch, seq, message...}} as {@link RedisScripts#readHistory()} returns it. */
    private static StreamHistory history(List<Object> reply) {
        List<String> payloads = new ArrayList<>(reply.size() - 2);
        for (int i = 2; i < reply.size(); i++) {
            payloads.add((String) reply.get(i));
        }
        return new StreamHistory(new StreamPosition((String) reply.get(0), (Long) reply.get(1)), payloads);
    }

}
