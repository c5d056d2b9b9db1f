package io.tickstream.bench.gateway;

import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.redis.RedisPublisher;
import io.tickstream.redis.RedisPublishing;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bench's publisher on Redis (one Redis or a cluster), on a connection of its own as a separate
 * publishing process has: the project's {@link RedisPublisher} on one command connection, no pub/sub
 * connection (so a fault run kills only the gateway's). Thread-safe.
 */
public final class RedisFeed implements AutoCloseable {

    private final RedisPublishing publishing;
    private final MarketPublisher publisher;

    private RedisFeed(String uri) {
        this.publishing = RedisPublishing.connect(uri, ChannelNames.defaults(), HistoryLimits.defaults());
        this.publisher = publishing.publisher();
    }

    /**
     * Connects now.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisFeed connect(String uri) {
        return new RedisFeed(uri);
    }

    public MarketPublisher publisher() {
        return publisher;
    }

    /** Puts the instruments into Redis's catalog, where a gateway on Redis loads them from, and waits for it. */
    public void putCatalog(List<Instrument> catalog) throws InterruptedException {
        try {
            publisher.putInstruments(catalog).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot put the bench's instruments into Redis's catalog", e);
        }
    }

    @Override
    public void close() {
        publishing.close();
    }
}
