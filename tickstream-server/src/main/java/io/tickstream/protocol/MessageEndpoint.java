package io.tickstream.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.transport.Connection;
import io.tickstream.transport.WebSocketEndpoint;
import io.tickstream.transport.WebSocketSession;
import java.util.Set;
import java.util.function.Function;

/**
 * An endpoint of a protocol whose clients authenticate and subscribe with messages (JSON,
 * compact): the handshake, then a session of the protocol on the connection. Shared; called on the
 * connection's event loop.
 */
public final class MessageEndpoint implements WebSocketEndpoint {

    /** A message-protocol session, started once the WebSocket is up. */
    public interface Session extends WebSocketSession {
        void start();
    }

    private final ProtocolContext context;
    private final String protocol;
    private final Set<String> paths;
    private final Function<SessionOutbox, Session> sessions;

    /** @param sessions makes the protocol's session for a new connection's outbox */
    public MessageEndpoint(ProtocolContext context, String protocol, Set<String> paths,
                           Function<SessionOutbox, Session> sessions) {
        this.context = context;
        this.protocol = protocol;
        this.paths = Set.copyOf(paths);
        this.sessions = sessions;
    }

    @Override
    public boolean handles(String path) {
        return paths.contains(path);
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        Channel channel = ctx.channel();
        context.upgrade().handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                Session session = sessions.apply(
                        context.hub().outbox(channel, context.limits().maxQueuedEvents()));
                context.upgrade().install(channel, session);
                SessionLog.opened(Connection.of(channel), protocol, context.meters());
                session.start();
            }
        });
    }
}
