package io.tickstream.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listening socket of a gateway: HTTP, then WebSocket after an upgrade, on the configured
 * {@link SocketTransport} or, where it does not load, its fallback (logged). Each accepted socket
 * is counted against the global cap first, and one over it gets a fixed 503 and nothing else.
 * Then, once its client's address is known (at once, or from a PROXY protocol header behind a TCP
 * load balancer), against the TLS handshake caps when TLS is on ({@link HandshakeGuard}: one over
 * them is closed at once) and against the unauthenticated caps: one over them is answered by the
 * router (503, or close 1013 after an upgrade). Start and stop from any thread.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /** Above this many pending bytes a socket counts as slow and conflation starts. */
    private static final int HIGH_WATER_MARK = 128 * 1024;
    private static final int LOW_WATER_MARK = 32 * 1024;
    private static final int MAX_HTTP_REQUEST = 16 * 1024;
    /** Thread name prefixes, so that profilers and the benchmark can tell the gateway's threads apart. */
    public static final String ACCEPT_THREADS = "tickstream-accept";
    public static final String IO_THREADS = "tickstream-io";
    /** Pipeline name of the HTTP codec. */
    static final String HTTP_CODEC = "http";
    /** Pipeline name of the TLS stage, first after a PROXY header. */
    static final String TLS = "tls";

    private final SocketTransport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    /** Every accepted socket until it closes, for a drain. */
    private final ChannelGroup accepted = new DefaultChannelGroup("tickstream-accepted", GlobalEventExecutor.INSTANCE);

    private GatewayServer(String host, int port, int ioThreads, SocketTransport requested, HttpRouter router,
                          ConnectionAdmission admission, HttpConnectionPolicy http, boolean proxyProtocol,
                          HandshakeGuard tls) throws InterruptedException {
        transport = requested.serving();
        if (transport != requested) {
            log.warn("websocket.transport {} does not load here ({}); sockets are served by {}",
                    requested.configName(), whyNot(requested, transport), transport.configName());
        }
        ThreadFactory acceptor = new DefaultThreadFactory(ACCEPT_THREADS, true);
        ThreadFactory io = new DefaultThreadFactory(IO_THREADS, true);
        IoHandlerFactory handlers = transport.newIoHandlerFactory();
        boss = new MultiThreadIoEventLoopGroup(1, acceptor, handlers);
        int loops = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        workers = new MultiThreadIoEventLoopGroup(loops, io, handlers);
        ChannelFuture bound;
        try {
            bound = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannelType())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            Connection.attach(channel);
                            accepted.add(channel);
                            if (admission.accept(channel) != null) {
                                if (tls == null || proxyProtocol || tls.addTls(channel, TLS)) {
                                    channel.pipeline().addLast("refusal", ImmediateRefusal.INSTANCE);
                                }
                            } else if (proxyProtocol) {
                                channel.pipeline()
                                        .addLast("proxy-decoder", new HAProxyMessageDecoder())
                                        .addLast("proxy-header", new ProxyProtocolHeader(http.requestTimeoutNanos,
                                                proxied -> serve(proxied, router, admission, http, tls)));
                            } else {
                                serve(channel, router, admission, http, tls);
                            }
                        }
                    })
                    .bind(host, port).await();
        } catch (InterruptedException e) {
            shutdown();
            throw e;
        }
        if (!bound.isSuccess()) {
            shutdown();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        listener = bound.channel();
    }

    /** Each transport skipped on the way from {@code requested} to {@code serving}, with its cause. */
    private static String whyNot(SocketTransport requested, SocketTransport serving) {
        StringBuilder why = new StringBuilder();
        for (SocketTransport skipped = requested; skipped != serving; skipped = skipped.fallback()) {
            why.append(why.length() == 0 ? "" : "; ").append(skipped.configName()).append(": ")
                    .append(skipped.unavailabilityCause());
        }
        return why.toString();
    }

    /**
     * Counts a connection against the unauthenticated caps once its client is known, then gives it
     * the HTTP stages; over a cap, the router refuses its request.
     */
    private static void serve(Channel channel, HttpRouter router, ConnectionAdmission admission,
                              HttpConnectionPolicy http, HandshakeGuard tls) {
        if (tls != null && !tls.addTls(channel, TLS)) {
            return;
        }
        ConnectionAdmission.Refusal refusal = admission.admitClient(channel);
        if (refusal != null) {
            HttpRouter.refuseRequests(channel, refusal);
        }
        HttpFlowControl flow = http.newConnection();
        channel.pipeline()
                .addLast(HttpFlowControl.BYTES_NAME, flow.bytesIn())
                .addLast(HTTP_CODEC, new HttpServerCodec(4096, 8192, 8192))
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST))
                .addLast(HttpFlowControl.NAME, flow)
                .addLast("router", router);
    }

    /**
     * Binds and starts serving. One event loop per core by default rather than Netty's two: the
     * fan-out sends one task per loop and update, and on a 2-core host 2 loops halved p99 and
     * p99.9 against 4 (BENCHMARKS.md).
     *
     * @param ioThreads event loops serving sockets; 0 for one per available processor
     * @param transport the transport asked for; its fallback serves where it does not load
     * @param tls       TLS on the port with its handshake caps, or null for plain
     */
    public static GatewayServer start(String host, int port, int ioThreads, SocketTransport transport, HttpRouter router,
                                      ConnectionAdmission admission, HttpConnectionPolicy http,
                                      boolean proxyProtocol, HandshakeGuard tls) throws InterruptedException {
        return new GatewayServer(host, port, ioThreads, transport, router, admission, http, proxyProtocol, tls);
    }

    /** The transport serving the sockets: the one asked for, or its fallback. */
    public SocketTransport transport() {
        return transport;
    }

    /** Stops accepting connections; those open stay. */
    public void stopAccepting() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The sockets open now. */
    public List<Channel> connections() {
        return List.copyOf(accepted);
    }

    /** The event loops serving sockets (for the watchdog). */
    public EventLoopGroup eventLoops() {
        return workers;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
