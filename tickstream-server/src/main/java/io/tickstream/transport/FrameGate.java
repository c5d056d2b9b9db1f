package io.tickstream.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Admits every frame a client sends through its session's rate limit before fragments are put
 * together, so that a message sent as thousands of tiny fragments costs what it sends. A refused
 * whole frame is dropped (the session has answered); a refused fragment ends the connection with
 * 1008, since half a message cannot be answered. Close frames always pass. One per connection,
 * confined to its event loop.
 */
final class FrameGate extends ChannelInboundHandlerAdapter {

    private final WebSocketSession session;
    private Connection connection;

    FrameGate(WebSocketSession session) {
        this.session = session;
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
        ReferenceCountUtil.release(msg);
        if (fragment) {
            connection.closeAbusive(CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        }
    }
}
