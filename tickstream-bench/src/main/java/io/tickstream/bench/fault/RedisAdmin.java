package io.tickstream.bench.fault;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.tickstream.bus.ChannelNames;
import io.tickstream.redis.RedisUris;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fault run's own command connection to one Redis or a Redis Cluster, apart from the gateway's and
 * the publisher's: it kills connections and reads counters. On a cluster ({@code redis-cluster://}) it is
 * a Lettuce cluster connection, which routes keyed commands by slot and reaches each master by its node
 * id, and the bus names are the cluster's hash-tagged ones. Used from the driving thread.
 */
public final class RedisAdmin implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final Supplier<List<RedisClusterCommands<String, String>>> masters;
    private final boolean clustered;

    private RedisAdmin(AbstractRedisClient client, StatefulConnection<String, String> connection,
            RedisClusterCommands<String, String> commands,
            Supplier<List<RedisClusterCommands<String, String>>> masters, boolean clustered) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.masters = masters;
        this.clustered = clustered;
    }

    /**
     * Connects now, to a cluster when {@code uri} is a {@code redis-cluster://} one.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisAdmin connect(String uri) {
        return RedisUris.isCluster(uri) ? cluster(uri) : single(uri);
    }

    private static RedisAdmin single(String uri) {
        RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> connection = client.connect();
        List<RedisClusterCommands<String, String>> only = List.of(connection.sync());
        return new RedisAdmin(client, connection, connection.sync(), () -> only, false);
    }

    private static RedisAdmin cluster(String uri) {
        RedisClusterClient client = RedisClusterClient.create(RedisUris.seeds(uri));
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        Supplier<List<RedisClusterCommands<String, String>>> masters = () -> connection.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                .<RedisClusterCommands<String, String>>map(node -> connection.getConnection(node.getNodeId()).sync())
                .toList();
        return new RedisAdmin(client, connection, connection.sync(), masters, true);
    }

    /** Whether this is a Redis Cluster, whose channels are sharded ({@code SSUBSCRIBE}). */
    boolean clustered() {
        return clustered;
    }

    /** The bus names the gateway and the publisher use here: hash-tagged on a cluster. */
    ChannelNames names() {
        return clustered ? ChannelNames.defaults().clustered() : ChannelNames.defaults();
    }

    /** Commands on keys, routed to the slot's master on a cluster. */
    RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /** A connection to each master as the cluster's topology has them now; on one Redis, that Redis. */
    List<RedisClusterCommands<String, String>> masters() {
        return masters.get();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
