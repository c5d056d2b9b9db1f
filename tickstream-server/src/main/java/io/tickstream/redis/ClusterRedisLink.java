package io.tickstream.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.resource.ClientResources;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * A Redis Cluster: sharded Pub/Sub ({@code SSUBSCRIBE}, routed by Lettuce to the master that owns
 * each channel's slot, so a channel's traffic stays on its shard) and a cluster command connection
 * routed by key. The topology is refreshed every 30 s and at once on MOVED, ASK and reconnects. A
 * node connection that had to reconnect (Lettuce's watchdog tried it) and is active again, or a
 * topology change (a shard's master replaced), is told to the gateway (coalesced over 50 ms),
 * which then subscribes every channel again — a no-op where the subscription survived, the cure
 * where a restarted or new master never had it — and catches up from the histories. The
 * short-lived connections of topology refreshes never reconnect, so they never count. Thread-safe.
 */
final class ClusterRedisLink implements RedisLink {

    private static final Logger log = LoggerFactory.getLogger(ClusterRedisLink.class);
    private static final long RESYNC_DELAY_MS = 50;

    private final RedisClusterClient client;
    private final StatefulRedisClusterPubSubConnection<String, String> pubsub;
    private final StatefulRedisClusterConnection<String, String> commands;
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private final Disposable events;
    /** Nodes ({@code address:port}) with a connection that is reconnecting. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private volatile Runnable reconnected;
    private volatile boolean closing;

    ClusterRedisLink(ClientResources resources, List<RedisURI> seeds) {
        this.client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        this.events = resources.eventBus().get().subscribe(this::onEvent);
        this.pubsub = client.connectPubSub();
        pubsub.setNodeMessagePropagation(true);
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
            public void smessage(String channel, String message) {
                messages.accept(channel, message);
            }
        });
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        return pubsub.async().ssubscribe(channel);
    }

    @Override
    public void unsubscribe(String channel) {
        pubsub.async().sunsubscribe(channel);
    }

    @Override
    public boolean isConnected() {
        return pubsub.isOpen() && commands.isOpen() && down.isEmpty();
    }

    @Override
    public void close() {
        closing = true;
        events.dispose();
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private void onEvent(Event event) {
        if (closing) {
            return;
        }
        if (event instanceof ReconnectAttemptEvent attempt) {
            if (down.add(node(attempt.remoteAddress()))) {
                log.warn("lost the connection to Redis Cluster node {}; clients stay connected while it reconnects",
                        node(attempt.remoteAddress()));
            }
        } else if (event instanceof ConnectionActivatedEvent active && down.remove(node(active.remoteAddress()))) {
            log.info("Redis Cluster node {} is back", node(active.remoteAddress()));
            resync();
        } else if (event instanceof ClusterTopologyChangedEvent) {
            log.info("Redis Cluster topology changed");
            resync();
        }
    }

    private static String node(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ':' + inet.getPort() : String.valueOf(address);
    }

    private void resync() {
        Runnable current = reconnected;
        if (current != null && resyncPending.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                resyncPending.set(false);
                current.run();
            }, CompletableFuture.delayedExecutor(RESYNC_DELAY_MS, TimeUnit.MILLISECONDS));
        }
    }
}
