package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers a plain HTTP request, possibly later (e.g. after a bus read). Called on the connection's
 * event loop: must not block, and must read what it needs from the request before returning (the
 * request is released then). The response is written on the connection's loop when the stage
 * completes, in request order; a failed stage becomes a 500.
 */
@FunctionalInterface
public interface AsyncHttpHandler {

    /** @param channel the connection, for its remote address; write nothing to it */
    CompletionStage<FullHttpResponse> handle(Channel channel, FullHttpRequest request, QueryStringDecoder uri);

    /** A synchronous handler as an asynchronous one. */
    static AsyncHttpHandler of(HttpHandler handler) {
        return (channel, request, uri) -> CompletableFuture.completedFuture(handler.handle(request, uri));
    }
}
