package io.tickstream.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickstream.transport.SocketTransport;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Opens the bench's WebSocket client connections to one gateway: a few event loops, connections
 * spread over several 127.0.0.x source addresses (each address has its own ~28k ephemeral ports),
 * over TLS when the gateway's URI is {@code wss://}, at most {@value #MAX_PENDING_CONNECTS} connects
 * under way at once. Dial from one driving thread; the connections live on the event loops.
 */
public final class WebSocketDialer implements AutoCloseable {

    /** Thread name prefix of the generator's event loops, so its CPU time can be told apart. */
    public static final String THREADS = "bench-client";
    private static final int MAX_PENDING_CONNECTS = 256;

    private final boolean deflate;
    private final LongAdder wireBytes;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext tls;
    private final String scheme;
    private final String host;
    private final int port;
    private final int sourceAddresses;
    private final Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);

    /**
     * @param transport the generator's socket transport, or the first of its fallbacks that loads here
     * @param deflate   offer permessage-deflate (the gateway's answer decides)
     * @param wireBytes counts every byte read off the sockets, before TLS and decompression
     */
    public WebSocketDialer(URI gateway, int sourceAddresses, int threads, SocketTransport transport, boolean deflate,
                           LongAdder wireBytes) {
        this.deflate = deflate;
        this.wireBytes = wireBytes;
        SocketTransport serving = transport.serving();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(THREADS, true),
                serving.newIoHandlerFactory());
        this.channelType = serving.socketChannelType();
        this.scheme = gateway.getScheme();
        this.tls = scheme.equals("wss") ? trustingClientContext() : null;
        this.host = gateway.getHost();
        this.port = gateway.getPort();
        this.sourceAddresses = sourceAddresses;
    }

    /**
     * Connects connection number {@code connection} (its source address picked by the number) to
     * {@code path} and ends its pipeline with the handler {@code last} makes; waits first while too
     * many connects are under way.
     *
     * @param path         path and query of the WebSocket URL
     * @param chunkedReads read at most {@link SlowReader#CHUNK} bytes at a time (a slow reader)
     */
    public ChannelFuture dial(int connection, String path, HttpHeaders headers, boolean chunkedReads,
                              Function<SocketChannel, ChannelHandler> last) throws InterruptedException {
        URI uri = URI.create(scheme + "://" + host + ":" + port + path);
        HttpHeaders handshake = deflate
                ? new DefaultHttpHeaders().add(headers).set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, CompressedReader.OFFER)
                : headers;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new WireBytes());
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, deflate, handshake, 1 << 20), true, true, 30_000,
                                        !deflate));
                        if (deflate) {
                            // a compressed payload is not UTF-8 text: the UTF-8 check of the handler above is off
                            channel.pipeline().addLast(new CompressedReader());
                        }
                        channel.pipeline().addLast(last.apply(channel));
                    }
                });
        if (chunkedReads) {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(SlowReader.CHUNK));
        }
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + connection % sourceAddresses), 0);
        pending.acquire();
        ChannelFuture future = bootstrap.connect(new InetSocketAddress(host, port), local);
        future.addListener(done -> pending.release());
        return future;
    }

    /** Counts what a connection reads, as the network carried it. */
    private final class WireBytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                wireBytes.add(bytes.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Trusts any certificate: for the bench against its own self-signed one only, never for a real client. */
    private static SslContext trustingClientContext() {
        try {
            return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new UncheckedIOException("no TLS client context", e);
        }
    }

    /** Closes every connection it opened. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
