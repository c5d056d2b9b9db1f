package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Completes WebSocket handshakes and turns an HTTP pipeline into a WebSocket one. Immutable and
 * shared; methods are called on the connection's event loop.
 */
public final class WebSocketUpgrade {

    private static final long CLOSE_GRACE_SECONDS = 2;
    private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf(WebSocketUpgrade.class, "closing");
    private static final String RFC_6455 = "13";

    private final int maxFrameBytes;
    private final Duration pingInterval;
    private final TransportMeters meters;

    public WebSocketUpgrade(int maxFrameBytes, Duration pingInterval, TransportMeters meters) {
        this.maxFrameBytes = maxFrameBytes;
        this.pingInterval = pingInterval;
        this.meters = meters;
    }

    /**
     * Answers the handshake. The returned future succeeds once the switch to WebSocket is done.
     * Only RFC 6455 (version 13) is spoken: any other {@code Sec-WebSocket-Version}, or none, gets
     * 426 with {@code Sec-WebSocket-Version: 13} and a failed future.
     */
    public ChannelFuture handshake(Channel channel, FullHttpRequest request) {
        String location = "ws://" + request.headers().get("Host", "localhost") + request.uri();
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        if (!RFC_6455.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            meters.badHttpRequest();
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
                    .addListener(ChannelFutureListener.CLOSE);
            return channel.newFailedFuture(new WebSocketHandshakeException("unsupported WebSocket version"));
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(location, null, decoder);
        ChannelFuture done;
        try {
            done = handshaker.handshake(channel, request);
        } catch (WebSocketHandshakeException e) {
            done = channel.newFailedFuture(e);
        }
        return done.addListener(future -> {
            if (!future.isSuccess() && channel.isActive()) {
                meters.badHttpRequest();
                channel.writeAndFlush(HttpResponses.text(HttpResponseStatus.BAD_REQUEST,
                        "bad WebSocket handshake: " + future.cause().getMessage() + "\n"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /**
     * Installs the WebSocket stages for a session after a successful handshake, in place of the
     * HTTP ones. Text is checked to be UTF-8 frame by frame (1007), every frame, fragments
     * included, passes the session's rate limit, and a fragmented message is held up to the frame
     * size limit only (1009).
     */
    public void install(Channel channel, WebSocketSession session) {
        ChannelPipeline pipeline = channel.pipeline();
        for (String http : List.of("router", HttpFlowControl.NAME, HttpFlowControl.BYTES_NAME)) {
            if (pipeline.get(http) != null) {
                pipeline.remove(http);
            }
        }
        pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
        pipeline.addLast("ws-gate", new FrameGate(session));
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        pipeline.addLast("ws-heartbeat", new Heartbeat(pingInterval, meters));
        pipeline.addLast("ws-session", new WebSocketConnection(session, meters));
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

    /**
     * Ends a connection that abuses the server (a flood, a message too big): stops reading it at
     * once, since reading would mean decoding whatever it goes on sending, sends the close frame
     * with a code and reason followed by the end of the stream, and closes the socket after the
     * grace period. A client that never reads its socket is cut off at once.
     */
    public static void closeAbusive(Channel channel, int code, String reason) {
        if (channel.attr(CLOSING).getAndSet(Boolean.TRUE) != null) {
            return;
        }
        CloseStatus.remember(channel, true, code, reason);
        channel.config().setAutoRead(false);
        if (!channel.isWritable()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (channel instanceof DuplexChannel duplex && written.isSuccess()) {
                duplex.shutdownOutput();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Marks a connection whose close frame a Netty stage has sent already, and cuts it off after the
     * grace period if the peer does not close.
     */
    static void closeAfterGrace(Channel channel) {
        if (channel.attr(CLOSING).getAndSet(Boolean.TRUE) == null) {
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Whether this side has sent its close frame already. */
    static boolean closing(Channel channel) {
        return channel.hasAttr(CLOSING);
    }
}
