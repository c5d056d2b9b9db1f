package io.tickstream.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.metrics.GatewayMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage after HTTP decoding: WebSocket upgrades go to the endpoint owning the path,
 * plain GETs to their handler, everything else gets a short HTTP error (never a stack trace).
 * Shared by all connections; stateless.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    private final List<WebSocketEndpoint> endpoints;
    private final Map<String, HttpHandler> routes;
    private final GatewayMetrics metrics;

    public HttpRouter(List<WebSocketEndpoint> endpoints, Map<String, HttpHandler> routes, GatewayMetrics metrics) {
        this.endpoints = List.copyOf(endpoints);
        this.routes = Map.copyOf(routes);
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            metrics.badHttpRequests.increment();
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8);
        String path = uri.path();
        if (isUpgrade(request)) {
            for (WebSocketEndpoint endpoint : endpoints) {
                if (endpoint.handles(path)) {
                    endpoint.accept(ctx, request, uri);
                    return;
                }
            }
            metrics.badHttpRequests.increment();
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "no WebSocket endpoint at " + path + "\n"), false);
            return;
        }
        HttpHandler handler = routes.get(path);
        if (handler == null) {
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"), true);
        } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n"), true);
        } else {
            reply(ctx, request, handler.handle(request, uri), true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.badHttpRequests.increment();
        log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(HttpResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                              boolean mayKeepAlive) {
        boolean keepAlive = mayKeepAlive && HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
