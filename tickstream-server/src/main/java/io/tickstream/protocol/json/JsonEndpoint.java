package io.tickstream.protocol.json;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.SessionLog;
import io.tickstream.transport.WebSocketEndpoint;

/** The JSON message protocol (SPEC 3.2) on {@code /} and {@code /ws}. Shared; called on the connection's loop. */
public final class JsonEndpoint implements WebSocketEndpoint {

    private final ProtocolContext context;
    private final JsonViews views;

    public JsonEndpoint(ProtocolContext context, JsonViews views) {
        this.context = context;
        this.views = views;
    }

    @Override
    public boolean handles(String path) {
        return path.equals("/") || path.equals("/ws");
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        Channel channel = ctx.channel();
        context.upgrade().handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                JsonSession session = new JsonSession(context, views,
                        new SessionOutbox(channel, context.metrics(), context.limits().maxQueuedEvents()));
                context.upgrade().install(channel, session);
                SessionLog.opened(channel, "json", context.metrics());
                session.start();
            }
        });
    }
}
