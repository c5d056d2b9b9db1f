package io.tickstream.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A gateway's connections to Redis, one Redis or a cluster: a command connection for state,
 * catalog, history and publishing, and the subscriptions to channels. Thread-safe; messages and
 * reconnects are reported on Lettuce's threads.
 */
interface RedisLink extends AutoCloseable {

    /** Commands; on a cluster each is routed to the shard that owns its key. */
    RedisClusterAsyncCommands<String, String> commands();

    /** Starts delivering messages of subscribed channels to {@code messages} and reconnects to {@code reconnected}. */
    void start(BiConsumer<String, String> messages, Runnable reconnected);

    CompletionStage<Void> subscribe(String channel);

    void unsubscribe(String channel);

    boolean isConnected();

    @Override
    void close();
}
