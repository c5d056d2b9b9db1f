package io.tickstream.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis: one pub/sub connection for all channels of this node ({@code SUBSCRIBE}) and one
 * command connection. Lettuce reconnects with exponential backoff and resubscribes; once the
 * pub/sub connection is back, the gateway is told so it can reload what it missed. Thread-safe.
 */
final class SingleRedisLink implements RedisLink {

    private static final Logger log = LoggerFactory.getLogger(SingleRedisLink.class);

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final StatefulRedisConnection<String, String> commands;
    private volatile Runnable reconnected;
    private volatile boolean lost;
    private volatile boolean closing;

    SingleRedisLink(ClientResources resources, RedisURI uri) {
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .build());
        client.addListener(new ConnectionWatch());
        this.pubsub = client.connectPubSub();
        this.commands = client.connect();
    }

    @Override
    public RedisClusterAsyncCommands<String, String> commands() {
        return commands.async();
    }

    @Override
    public void start(BiConsumer<String, String> messages, Runnable reconnected) {
        this.reconnected = reconnected;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                messages.accept(channel, message);
            }
        });
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        return pubsub.async().subscribe(channel);
    }

    @Override
    public void unsubscribe(String channel) {
        pubsub.async().unsubscribe(channel);
    }

    @Override
    public boolean isConnected() {
        return pubsub.isOpen() && commands.isOpen();
    }

    @Override
    public void close() {
        closing = true;
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Notices the pub/sub connection coming back after a loss. */
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
            Runnable current = reconnected;
            if (connection == pubsub && lost && current != null) {
                lost = false;
                log.info("Redis pub/sub connection is back ({})", address);
                CompletableFuture.runAsync(current);
            }
        }
    }
}
