package io.tickstream.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.tickstream.transport.SocketTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The load generator's market-data clients: many connections on a few event loops (see
 * {@link WebSocketDialer}), each watching the instruments its {@link SubscriptionPlan} gives it in
 * one protocol. Connect and close from one driving thread.
 */
public final class LoadClient implements AutoCloseable {

    private final WebSocketDialer dialer;
    private final Protocol protocol;
    private final JsonChannel jsonChannel;
    private final String apiKey;
    private final SubscriptionPlan plan;
    private final DeliveryStats stats;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();

    /**
     * @param jsonChannel what a JSON client subscribes to
     * @param deflate     whether the clients offer permessage-deflate
     * @param transport   the clients' socket transport
     */
    public LoadClient(URI gateway, Protocol protocol, JsonChannel jsonChannel, boolean deflate, String apiKey,
                      SubscriptionPlan plan, int sourceAddresses, int threads, SocketTransport transport,
                      DeliveryStats stats) {
        this.dialer = new WebSocketDialer(gateway, sourceAddresses, threads, transport, deflate, stats.wireBytes);
        this.protocol = protocol;
        this.jsonChannel = jsonChannel;
        this.apiKey = apiKey;
        this.plan = plan;
        this.stats = stats;
    }

    /**
     * Opens connections {@code from} (inclusive) to {@code to} (exclusive) and waits until each is
     * subscribed. Connections for which {@code slow} holds read at {@code slowBytesPerSecond}.
     */
    public void connect(int from, int to, IntPredicate slow, long slowBytesPerSecond,
                        Duration timeout) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(to - from);
        for (int c = from; c < to; c++) {
            ChannelFuture connected = open(c, ready, slow.test(c) ? slowBytesPerSecond : 0);
            connected.addListener(done -> {
                if (!done.isSuccess()) {
                    stats.failures.increment();
                }
            });
        }
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException((to - from - ready.getCount()) + " of " + (to - from)
                    + " connections ready within " + timeout + " (failures: " + stats.failures.sum() + ")");
        }
    }

    /** Opens again, and waits for, the connections the server has closed (normal readers). */
    public void reopenClosed(Duration timeout) throws InterruptedException {
        for (Map.Entry<Integer, Channel> entry : List.copyOf(channels.entrySet())) {
            if (!entry.getValue().isActive()) {
                connect(entry.getKey(), entry.getKey() + 1, c -> false, 0, timeout);
            }
        }
    }

    /** Closes one connection (for churn). */
    public void close(int connection) {
        Channel channel = channels.remove(connection);
        if (channel != null) {
            channel.pipeline().get(BenchClientHandler.class).closing();
            channel.close();
        }
    }

    public int open() {
        return channels.size();
    }

    private ChannelFuture open(int connection, CountDownLatch ready, long slowBytesPerSecond)
            throws InterruptedException {
        List<Integer> indexes = plan.instrumentsOf(connection);
        String path = protocol.path(indexes.stream().map(SubscriptionPlan::id).toList());
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (protocol == Protocol.IME) {
            headers.set("Authorization", "Bearer " + apiKey);
        }
        List<String> greeting = protocol.greeting(apiKey, indexes.stream().map(SubscriptionPlan::name).toList(), jsonChannel);
        boolean slow = slowBytesPerSecond > 0;
        ChannelFuture future = dialer.dial(connection, path, headers, slow, channel -> {
            Runnable onReady = slow ? () -> SlowReader.start(channel, slowBytesPerSecond) : () -> { };
            return new BenchClientHandler(protocol, greeting, stats, ready, onReady, slow);
        });
        channels.put(connection, future.channel());
        return future;
    }

    @Override
    public void close() {
        channels.values().forEach(channel -> {
            BenchClientHandler handler = channel.pipeline().get(BenchClientHandler.class);
            if (handler != null) {
                handler.closing();
            }
        });
        dialer.close();
    }
}
