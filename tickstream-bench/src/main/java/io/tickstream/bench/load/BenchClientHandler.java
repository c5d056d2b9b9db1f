package io.tickstream.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One load-generator connection: greets and subscribes after the handshake, counts itself ready,
 * then probes every message for its publish time. Confined to the connection's event loop.
 */
final class BenchClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final Protocol protocol;
    private final List<String> greeting;
    private final DeliveryStats stats;
    private final CountDownLatch ready;
    private final Runnable onReady;
    private final boolean slow;
    private boolean isReady;
    private boolean closing;

    BenchClientHandler(Protocol protocol, List<String> greeting, DeliveryStats stats, CountDownLatch ready,
                       Runnable onReady, boolean slow) {
        this.protocol = protocol;
        this.greeting = greeting;
        this.stats = stats;
        this.ready = ready;
        this.onReady = onReady;
        this.slow = slow;
    }

    void closing() {
        closing = true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            greeting.forEach(text -> ctx.write(new TextWebSocketFrame(text)));
            ctx.flush();
            if (protocol == Protocol.IME) {
                becomeReady();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        long probe = protocol.probe(frame.content());
        if (probe >= 0) {
            stats.onProbe(probe, slow);
        } else if (!isReady && protocol.confirmsSubscription(frame.content().toString(StandardCharsets.UTF_8))) {
            becomeReady();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            stats.closedByServer.increment();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.failures.increment();
        ctx.close();
    }

    private void becomeReady() {
        if (!isReady) {
            isReady = true;
            onReady.run();
            ready.countDown();
        }
    }
}
