package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstream.metrics.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of a WebSocket pipeline, behind the {@link FrameGate}: answers control frames,
 * hands text messages to the protocol's session, tells it when the socket drains, and turns the
 * client's close frame and the transport's failures into the connection's close. Confined to its
 * event loop.
 */
final class WebSocketConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final ThrottledLog failureLog = new ThrottledLog(log, 5_000);

    private final WebSocketSession session;
    private final TransportMeters meters;
    private Connection connection;

    WebSocketConnection(WebSocketSession session, TransportMeters meters) {
        this.session = session;
        this.meters = meters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = Connection.of(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (connection.closing()) {
            if (frame instanceof CloseWebSocketFrame) {
                ctx.close();
            }
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            connection.closedByClient(close);
        } else if (frame instanceof TextWebSocketFrame text) {
            session.onText(text.text());
        } else if (frame instanceof PingWebSocketFrame) {
            // A client that does not read its pongs gets no more: they would only pile up here.
            if (ctx.channel().isWritable()) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
        } else if (!(frame instanceof PongWebSocketFrame)) {
            connection.close(CloseCodes.UNSUPPORTED_DATA, "binary messages are not supported");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * A message over the size limit is closed with 1009 and a close frame, fragmented or not; a
     * protocol violation the decoder answered already (1002, 1007, 1009) is only recorded; a
     * failed allocation closes the connection at once.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel channel = ctx.channel();
        if (cause instanceof TooLongFrameException) {
            meters.protocolViolation();
            connection.closeAbusive(CloseCodes.MESSAGE_TOO_BIG, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            meters.protocolViolation();
            connection.violated(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        } else if (cause instanceof OutOfMemoryError) {
            meters.allocationFailure();
            failureLog.warn("closing WebSocket connection {}: {}", ClientAddress.of(channel), cause.toString());
            connection.abort();
        } else {
            log.debug("WebSocket connection {} failed: {}", ClientAddress.of(channel), cause.toString());
            connection.abort();
        }
    }
}
