package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * permessage-deflate with Netty's own client compression, which keeps its compression context
 * between messages and refuses a {@code client_no_context_takeover} it did not ask for: the
 * handshake must succeed, its compressed messages must be understood, and ours inflated by it.
 */
class NettyClientDeflateTest {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void shouldStreamCompressedStatesToNettysClientAndInflateWhatItCompresses() throws Exception {
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0851}}");
        Channel channel = connect();
        assertThat(next("\"type\":\"welcome\"")).isNotNull();
        channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}"));
        assertThat(next("\"type\":\"auth\"")).contains("\"success\":true");
        channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"EURUSD\"]}"));
        assertThat(next("\"type\":\"state\"")).contains("\"last_price\":1.0851");
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0858}}");
        assertThat(next("\"type\":\"state\"")).contains("\"last_price\":1.0858");

        assertThat(gateway.gateway().deflateMeters().sessions()).isEqualTo(1);
        assertThat(gateway.gateway().deflateMeters().deflatedMessages()).as("states went out compressed").isPositive();
        assertThat(gateway.gateway().deflateMeters().inflatedMessages()).as("its messages came compressed").isPositive();
        channel.close().sync();
    }

    private Channel connect() throws InterruptedException {
        URI uri = gateway.uri("/");
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientCompressionHandler(1 << 20),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, true, new DefaultHttpHeaders(), 1 << 20)),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        texts.add(frame.text());
                                    }
                                });
                    }
                });
        return bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel();
    }

    /** The next text containing {@code marker}, skipping others; fails after the wait. */
    private String next(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = texts.poll(100, TimeUnit.MILLISECONDS);
            if (text != null && text.contains(marker)) {
                return text;
            }
        }
        throw new AssertionError("no message with " + marker + " within " + WAIT_SECONDS + " s");
    }
}
