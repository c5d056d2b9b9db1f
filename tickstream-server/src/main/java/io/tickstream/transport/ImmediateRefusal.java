package io.tickstream.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The whole pipeline of a connection over the global cap: a fixed HTTP 503 written as soon as the
 * stage is added (an accepted socket is up already), then close, without decoding anything; what
 * the client sent meanwhile is dropped. It costs the server one shared buffer and a write. Shared by
 * all such connections.
 */
@ChannelHandler.Sharable
final class ImmediateRefusal extends ChannelInboundHandlerAdapter {

    static final ImmediateRefusal INSTANCE = new ImmediateRefusal();

    private static final String BODY = ConnectionAdmission.Refusal.MAX_CONNECTIONS.reason() + "\n";
    private static final ByteBuf RESPONSE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "HTTP/1.1 503 Service Unavailable\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + BODY.length() + "\r\n"
                    + "Retry-After: 1\r\n"
                    + "Connection: close\r\n\r\n" + BODY, StandardCharsets.US_ASCII)).asReadOnly();

    private ImmediateRefusal() {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(RESPONSE.duplicate()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
