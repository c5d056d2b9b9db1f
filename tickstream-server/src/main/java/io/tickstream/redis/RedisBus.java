package io.tickstream.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.bus.StreamStamp;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis Pub/Sub bus on Lettuce: one pub/sub connection for all channels of this node and one
 * command connection for state, catalog and publishing. Lettuce reconnects with exponential
 * backoff; once it has, the listener is told so it can resubscribe and reload what it missed.
 * Thread-safe; callbacks arrive on Lettuce's event loop.
 */
public final class RedisBus implements Bus {

    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);

    private final ChannelNames names;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final StatefulRedisConnection<String, String> commands;
    private final RedisPublisher publisher;
    private volatile BusListener listener;
    private volatile boolean lost;
    private volatile boolean closing;

    private RedisBus(String uri, ChannelNames names, HistoryLimits limits) {
        this.names = names;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .build());
        client.addListener(new ConnectionWatch());
        this.pubsub = client.connectPubSub();
        this.commands = client.connect();
        this.publisher = new RedisPublisher(commands.async(), names, limits);
    }

    /**
     * Connects both connections now.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached at start-up
     */
    public static RedisBus connect(String uri, ChannelNames names) {
        return connect(uri, names, HistoryLimits.defaults());
    }

    /** Connects as {@link #connect(String, ChannelNames)}, its publisher keeping histories within {@code limits}. */
    public static RedisBus connect(String uri, ChannelNames names, HistoryLimits limits) {
        return new RedisBus(uri, names, limits);
    }

    @Override
    public void start(BusListener listener) {
        this.listener = listener;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                ChannelNames.Address address = names.parse(channel);
                if (address != null) {
                    listener.onMessage(address.kind(), address.key(), message);
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> subscribe(BusChannel kind, String key) {
        return pubsub.async().subscribe(names.channel(kind, key));
    }

    @Override
    public void unsubscribe(BusChannel kind, String key) {
        pubsub.async().unsubscribe(names.channel(kind, key));
    }

    @Override
    public CompletionStage<Map<String, String>> loadState(String instrumentId) {
        return commands.async().hgetall(names.stateKey(instrumentId));
    }

    @Override
    public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq) {
        String[] keys = {names.historyKey(kind, key), names.streamKey(kind, key)};
        return commands.async().<List<Object>>eval(RedisScripts.READ_HISTORY, ScriptOutputType.MULTI, keys,
                StreamStamp.newEpoch(), epoch == null ? "" : epoch, Long.toString(afterSeq)).thenApply(RedisBus::history);
    }

    @Override
    public CompletionStage<Long> historyLength(BusChannel kind, String key) {
        return commands.async().xlen(names.historyKey(kind, key));
    }

    @Override
    public CompletionStage<List<Instrument>> loadCatalog() {
        return commands.async().hgetall(names.catalogKey()).thenApply(this::parseCatalog);
    }

    @Override
    public boolean isConnected() {
        return pubsub.isOpen() && commands.isOpen();
    }

    @Override
    public MarketPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        closing = true;
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** {@code {epoch, seq, message...}} as {@link RedisScripts#READ_HISTORY} returns it. */
    private static StreamHistory history(List<Object> reply) {
        List<String> payloads = new ArrayList<>(reply.size() - 2);
        for (int i = 2; i < reply.size(); i++) {
            payloads.add((String) reply.get(i));
        }
        return new StreamHistory(new StreamPosition((String) reply.get(0), (Long) reply.get(1)), payloads);
    }

    private List<Instrument> parseCatalog(Map<String, String> entries) {
        List<Instrument> instruments = new ArrayList<>(entries.size());
        entries.forEach((id, json) -> {
            try {
                Instrument instrument = InstrumentJson.parse(json);
                if (!instrument.id().equals(id)) {
                    log.warn("catalog entry {} names id {}: ignored", id, instrument.id());
                } else {
                    instruments.add(instrument);
                }
            } catch (IOException e) {
                log.warn("catalog entry {} is not a valid instrument: {}", id, e.getMessage());
            }
        });
        return instruments;
    }

    /** Notices the pub/sub connection coming back after a loss and tells the listener. */
    private final class ConnectionWatch implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == pubsub && !lost && !closing) {
                lost = true;
                log.warn("lost the Redis pub/sub connection; clients stay connected while it reconnects");
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            BusListener current = listener;
            if (connection == pubsub && lost && current != null) {
                lost = false;
                log.info("Redis pub/sub connection is back ({})", address);
                CompletableFuture.runAsync(current::onReconnected);
            }
        }
    }
}
