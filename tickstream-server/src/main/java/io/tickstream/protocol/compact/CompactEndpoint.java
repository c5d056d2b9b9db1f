package io.tickstream.protocol.compact;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.SessionLog;
import io.tickstream.transport.WebSocketEndpoint;

/** The compact array protocol (SPEC 3.3) on {@code /compact}. Shared; called on the connection's loop. */
public final class CompactEndpoint implements WebSocketEndpoint {

    private final ProtocolContext context;
    private final CompactViews views;

    public CompactEndpoint(ProtocolContext context, CompactViews views) {
        this.context = context;
        this.views = views;
    }

    @Override
    public boolean handles(String path) {
        return path.equals("/compact");
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        Channel channel = ctx.channel();
        context.upgrade().handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                CompactSession session = new CompactSession(context, views,
                        new SessionOutbox(channel, context.metrics(), context.limits().maxQueuedEvents()));
                context.upgrade().install(channel, session);
                SessionLog.opened(channel, "compact", context.metrics());
                session.start();
            }
        });
    }
}
