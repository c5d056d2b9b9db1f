package io.tickstream.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.tickstream.transport.deflate.MessageInflater;

/**
 * Admits every frame a client sends through its session's rate limit before fragments are put
 * together, so that a message sent as thousands of tiny fragments costs what it sends. A refused
 * whole frame is dropped (the session has answered); a refused fragment ends the connection with
 * 1008, since half a message cannot be answered. On a session that speaks permessage-deflate a
 * refused whole message still goes through the inflater, whose window must keep every byte the
 * client compressed. Close frames always pass. One per connection, confined to its event loop.
 */
final class FrameGate extends ChannelInboundHandlerAdapter {

    private final WebSocketSession session;
    /** The session's inflater, or null when it does not speak permessage-deflate. */
    private final MessageInflater inflater;
    private Connection connection;

    FrameGate(WebSocketSession session, MessageInflater inflater) {
        this.session = session;
        this.inflater = inflater;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = Connection.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || frame instanceof CloseWebSocketFrame
                || connection.closing() || session.admitFrame()) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean fragment = frame instanceof ContinuationWebSocketFrame || !frame.isFinalFragment();
        if (fragment) {
            ReferenceCountUtil.release(msg);
            connection.closeAbusive(CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        } else if (inflater != null) {
            inflater.discard(ctx, frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }
}
