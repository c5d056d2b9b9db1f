package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;
import io.tickstream.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Completes WebSocket handshakes and turns an HTTP pipeline into a WebSocket one. Immutable and
 * shared; methods are called on the connection's event loop.
 */
public final class WebSocketUpgrade {

    private static final long CLOSE_GRACE_SECONDS = 2;
    private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf(WebSocketUpgrade.class, "closing");

    private final int maxFrameBytes;
    private final Duration pingInterval;
    private final GatewayMetrics metrics;

    public WebSocketUpgrade(int maxFrameBytes, Duration pingInterval, GatewayMetrics metrics) {
        this.maxFrameBytes = maxFrameBytes;
        this.pingInterval = pingInterval;
        this.metrics = metrics;
    }

    /**
     * Answers the handshake. The returned future succeeds once the switch to WebSocket is done;
     * a request of an unsupported WebSocket version gets an HTTP error and a failed future.
     */
    public ChannelFuture handshake(Channel channel, FullHttpRequest request) {
        String location = "ws://" + request.headers().get("Host", "localhost") + request.uri();
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, null, decoder).newHandshaker(request);
        if (handshaker == null) {
            metrics.badHttpRequests.increment();
            return WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
                    .addListener(ChannelFutureListener.CLOSE);
        }
        ChannelFuture done;
        try {
            done = handshaker.handshake(channel, request);
        } catch (WebSocketHandshakeException e) {
            done = channel.newFailedFuture(e);
        }
        return done.addListener(future -> {
            if (!future.isSuccess() && channel.isActive()) {
                metrics.badHttpRequests.increment();
                channel.writeAndFlush(HttpResponses.text(HttpResponseStatus.BAD_REQUEST,
                        "bad WebSocket handshake: " + future.cause().getMessage() + "\n"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /** Installs the WebSocket stages for a session after a successful handshake. */
    public void install(Channel channel, WebSocketSession session) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(HttpRouter.class) != null) {
            pipeline.remove(HttpRouter.class);
        }
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        pipeline.addLast("ws-heartbeat", new Heartbeat(pingInterval, metrics));
        pipeline.addLast("ws-session", new WebSocketConnection(session));
    }

    /**
     * Starts the closing handshake: sends a close frame with a code and reason, ignores the
     * client's messages from then on and closes the socket when the client answers with its close
     * frame. A connection without a session (refused at the handshake) closes once the frame is
     * out. A peer that never answers, or never reads, is cut off after a grace period.
     */
    public static void close(Channel channel, int code, String reason) {
        if (channel.attr(CLOSING).getAndSet(Boolean.TRUE) != null) {
            return;
        }
        CloseStatus.remember(channel, true, code, reason);
        var written = channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        if (channel.pipeline().get(WebSocketConnection.class) == null) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether this side has sent its close frame already. */
    static boolean closing(Channel channel) {
        return channel.hasAttr(CLOSING);
    }
}
