package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.tickstream.transport.deflate.DeflateOffer;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.MessageInflater;
import java.time.Duration;
import java.util.List;

/**
 * Completes WebSocket handshakes and turns an HTTP pipeline into a WebSocket one. Immutable and
 * shared; methods are called on the connection's event loop.
 */
public final class WebSocketUpgrade {

    private static final String RFC_6455 = "13";

    private final int maxFrameBytes;
    private final Duration pingInterval;
    private final TransportMeters meters;
    private final DeflateSettings deflate;
    private final DeflateMeters deflateMeters;

    public WebSocketUpgrade(int maxFrameBytes, Duration pingInterval, TransportMeters meters,
                            DeflateSettings deflate, DeflateMeters deflateMeters) {
        this.maxFrameBytes = maxFrameBytes;
        this.pingInterval = pingInterval;
        this.meters = meters;
        this.deflate = deflate;
        this.deflateMeters = deflateMeters;
    }

    /**
     * Answers the handshake. The returned future succeeds once the switch to WebSocket is done.
     * Only RFC 6455 (version 13) is spoken: any other {@code Sec-WebSocket-Version}, or none, gets
     * 426 with {@code Sec-WebSocket-Version: 13} and a failed future. permessage-deflate is
     * accepted when it is on and the client offers it in a form the server speaks (see
     * {@link DeflateOffer}); the connection then remembers it.
     */
    public ChannelFuture handshake(Channel channel, FullHttpRequest request) {
        String location = "ws://" + request.headers().get("Host", "localhost") + request.uri();
        DeflateOffer offer = deflate.enabled()
                ? DeflateOffer.accepted(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) : null;
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(offer != null)
                .closeOnProtocolViolation(true)
                .build();
        if (!RFC_6455.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            meters.badHttpRequest();
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
                    .addListener(ChannelFutureListener.CLOSE);
            return channel.newFailedFuture(new WebSocketHandshakeException("unsupported WebSocket version"));
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(location, null, decoder);
        HttpHeaders extensions = new DefaultHttpHeaders();
        if (offer != null) {
            extensions.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, offer.response());
        }
        ChannelFuture done;
        try {
            done = handshaker.handshake(channel, request, extensions, channel.newPromise());
        } catch (WebSocketHandshakeException e) {
            done = channel.newFailedFuture(e);
        }
        return done.addListener(future -> {
            if (future.isSuccess() && offer != null) {
                Connection.of(channel).compressesMessages(offer);
                deflateMeters.negotiated();
            }
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
     * size limit only (1009). A session that speaks permessage-deflate has its messages inflated
     * once whole, and their text checked after that.
     */
    public void install(Channel channel, WebSocketSession session) {
        ChannelPipeline pipeline = channel.pipeline();
        for (String http : List.of("router", HttpFlowControl.NAME, HttpFlowControl.BYTES_NAME)) {
            if (pipeline.get(http) != null) {
                pipeline.remove(http);
            }
        }
        DeflateOffer offer = Connection.of(channel).deflate();
        if (offer != null) {
            MessageInflater inflater = new MessageInflater(maxFrameBytes, offer.clientNoContextTakeover(),
                    deflateMeters, meters);
            pipeline.addLast("ws-gate", new FrameGate(session, inflater));
            pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
            pipeline.addLast("ws-inflater", inflater);
            pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
        } else {
            pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
            pipeline.addLast("ws-gate", new FrameGate(session, null));
            pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        }
        pipeline.addLast("ws-heartbeat", new Heartbeat(pingInterval, meters));
        pipeline.addLast("ws-session", new WebSocketConnection(session, meters));
        Connection.of(channel).whenClosed(session::onClosed);
    }
}
