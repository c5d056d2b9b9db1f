package io.tickstream.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.candle.CandleSettings;
import java.time.Duration;

/**
 * A publishing process's connection to one Redis or a Redis Cluster: one command connection (no
 * pub/sub connection) with the project's {@link RedisPublisher} on it, names tagged on a cluster.
 * Thread-safe.
 */
public final class RedisPublishing implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisPublisher publisher;

    private RedisPublishing(String uri, ChannelNames names, HistoryLimits limits, CandleSettings candles) {
        if (RedisUris.isCluster(uri)) {
            RedisClusterClient cluster = RedisClusterClient.create(RedisUris.seeds(uri));
            StatefulRedisClusterConnection<String, String> commands = cluster.connect();
            this.client = cluster;
            this.connection = commands;
            this.publisher = new RedisPublisher(commands.async(), names.clustered(), limits, RedisScripts.of(true),
                    new CatalogHash(), candles);
        } else {
            RedisClient single = RedisClient.create(RedisURI.create(uri));
            StatefulRedisConnection<String, String> commands = single.connect();
            this.client = single;
            this.connection = commands;
            this.publisher = new RedisPublisher(commands.async(), names, limits, RedisScripts.of(false), new CatalogHash(),
                    candles);
        }
    }

    /**
     * Connects now.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisPublishing connect(String uri, ChannelNames names, HistoryLimits limits) {
        return connect(uri, names, limits, CandleSettings.defaults());
    }

    /** Connects as {@link #connect(String, ChannelNames, HistoryLimits)}, building bars with {@code candles}. */
    public static RedisPublishing connect(String uri, ChannelNames names, HistoryLimits limits, CandleSettings candles) {
        return new RedisPublishing(uri, names, limits, candles);
    }

    public MarketPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
