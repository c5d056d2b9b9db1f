package io.tickstream.bench.fault;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * The fault run's own command connection to Redis, apart from the gateway's and the publisher's:
 * it kills connections and reads counters. Used from the driving thread.
 */
public final class RedisAdmin implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisAdmin(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    /**
     * Connects now.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisAdmin connect(String uri) {
        return new RedisAdmin(uri);
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
