package io.tickstream.transport;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Answers a plain HTTP request. Called on the connection's event loop: must not block. */
@FunctionalInterface
public interface HttpHandler {

    FullHttpResponse handle(FullHttpRequest request, QueryStringDecoder uri);
}
