package io.tickstream.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/** A WebSocket protocol reachable at some paths. Called on the connection's event loop. */
public interface WebSocketEndpoint {

    boolean handles(String path);

    /** Takes over an upgrade request: handshake, authentication, then a session. */
    void accept(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri);
}
