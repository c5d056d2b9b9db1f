package io.tickstream.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLException;

/**
 * The load generator's WebSocket clients: many connections on a few event loops, spread over
 * several 127.0.0.x source addresses (each address has its own ~28k ephemeral ports), over TLS
 * when the gateway's URI is {@code wss://}. Connect and close from one driving thread.
 */
public final class LoadClient implements AutoCloseable {

    /** Thread name prefix of the generator's event loops, so its CPU time can be told apart. */
    public static final String THREADS = "bench-client";
    private static final int MAX_PENDING_CONNECTS = 256;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext tls;
    private final String scheme;
    private final String host;
    private final int port;
    private final Protocol protocol;
    private final String apiKey;
    private final SubscriptionPlan plan;
    private final int sourceAddresses;
    private final DeliveryStats stats;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();

    public LoadClient(URI gateway, Protocol protocol, String apiKey, SubscriptionPlan plan, int sourceAddresses,
                      int threads, DeliveryStats stats) {
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory factory = new DefaultThreadFactory(THREADS, true);
        this.group = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.scheme = gateway.getScheme();
        this.tls = scheme.equals("wss") ? trustingClientContext() : null;
        this.host = gateway.getHost();
        this.port = gateway.getPort();
        this.protocol = protocol;
        this.apiKey = apiKey;
        this.plan = plan;
        this.sourceAddresses = sourceAddresses;
        this.stats = stats;
    }

    /**
     * Opens connections {@code from} (inclusive) to {@code to} (exclusive) and waits until each is
     * subscribed. Connections for which {@code slow} holds read at {@code slowBytesPerSecond}.
     */
    public void connect(int from, int to, IntPredicate slow, long slowBytesPerSecond,
                        Duration timeout) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(to - from);
        Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
        for (int c = from; c < to; c++) {
            pending.acquire();
            ChannelFuture connected = open(c, ready, slow.test(c) ? slowBytesPerSecond : 0);
            connected.addListener(done -> {
                pending.release();
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

    private ChannelFuture open(int connection, CountDownLatch ready, long slowBytesPerSecond) {
        List<Integer> indexes = plan.instrumentsOf(connection);
        URI uri = URI.create(scheme + "://" + host + ":" + port
                + protocol.path(indexes.stream().map(SubscriptionPlan::id).toList()));
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (protocol == Protocol.IME) {
            headers.set("Authorization", "Bearer " + apiKey);
        }
        List<String> greeting = protocol.greeting(apiKey, indexes.stream().map(SubscriptionPlan::name).toList());
        boolean slow = slowBytesPerSecond > 0;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Runnable onReady = slow ? () -> SlowReader.start(channel, slowBytesPerSecond) : () -> { };
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, false, headers, 1 << 20), true, true, 30_000),
                                new BenchClientHandler(protocol, greeting, stats, ready, onReady, slow));
                    }
                });
        if (slow) {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(SlowReader.CHUNK));
        }
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + connection % sourceAddresses), 0);
        ChannelFuture future = bootstrap.connect(new InetSocketAddress(host, port), local);
        channels.put(connection, future.channel());
        return future;
    }

    /** Trusts any certificate: for the bench against its own self-signed one only, never for a real client. */
    private static SslContext trustingClientContext() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new UncheckedIOException("no TLS client context", e);
        }
    }

    @Override
    public void close() {
        channels.values().forEach(channel -> {
            BenchClientHandler handler = channel.pipeline().get(BenchClientHandler.class);
            if (handler != null) {
                handler.closing();
            }
        });
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
