package io.tickstream.transport;

import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.tickstream.metrics.ThrottledLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage after HTTP decoding: WebSocket upgrades go to the endpoint owning the path,
 * plain GETs and HEADs to their handler (answered at once or when ready, always in request
 * order), everything else gets a short HTTP error (never a stack trace). Shared by all
 * connections; its only per-connection state is a channel attribute.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** The last response of a connection still waiting to be written, so that responses keep request order. */
    private static final AttributeKey<CompletableFuture<Void>> IN_FLIGHT =
            AttributeKey.valueOf(HttpRouter.class, "inFlight");
    /** Set on a connection accepted over an unauthenticated cap: its request is refused. */
    private static final AttributeKey<ConnectionAdmission.Refusal> REFUSED =
            AttributeKey.valueOf(HttpRouter.class, "refused");

    private final List<WebSocketEndpoint> endpoints;
    private final HttpRoutes routes;
    private final WebSocketUpgrade upgrade;
    private final TransportMeters meters;
    private final ThrottledLog failureLog = new ThrottledLog(log, 5_000);

    public HttpRouter(List<WebSocketEndpoint> endpoints, HttpRoutes routes, WebSocketUpgrade upgrade,
                      TransportMeters meters) {
        this.endpoints = List.copyOf(endpoints);
        this.routes = routes;
        this.upgrade = upgrade;
        this.meters = meters;
    }

    /** Makes the router refuse the connection's request: 503, or an upgrade closed at once with 1013. */
    static void refuseRequests(Channel channel, ConnectionAdmission.Refusal refusal) {
        channel.attr(REFUSED).set(refusal);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            meters.badHttpRequest();
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n"), false);
            return;
        }
        if (!isHttp1(request.protocolVersion())) {
            meters.badHttpRequest();
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "HTTP/1.0 and HTTP/1.1 only\n"), false);
            return;
        }
        ConnectionAdmission.Refusal overCap = ctx.channel().attr(REFUSED).get();
        if (overCap != null) {
            refuse(ctx, request, overCap);
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
            meters.badHttpRequest();
            reply(ctx, request, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "no WebSocket endpoint at " + path + "\n"), false);
            return;
        }
        AsyncHttpHandler handler = routes.find(path);
        if (handler == null) {
            replyLater(ctx, request, CompletableFuture.completedFuture(
                    HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n")));
        } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())
                && !routes.takesAnyMethod(handler)) {
            FullHttpResponse refusal = HttpResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n");
            refusal.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            replyLater(ctx, request, CompletableFuture.completedFuture(refusal));
        } else {
            replyLater(ctx, request, handler.handle(ctx.channel(), request, uri));
        }
    }

    /**
     * Writes a response when it is ready, on the connection's loop, after the responses to the
     * requests before it (HTTP/1.1 pipelining keeps order). Reads all it needs from the request now.
     */
    private void replyLater(ChannelHandlerContext ctx, FullHttpRequest request, CompletionStage<FullHttpResponse> stage) {
        CompletableFuture<FullHttpResponse> ready = stage.toCompletableFuture();
        Channel channel = ctx.channel();
        CompletableFuture<Void> previous = channel.attr(IN_FLIGHT).get();
        if (previous == null && ready.isDone() && !ready.isCompletedExceptionally()) {
            reply(ctx, request, ready.join(), true);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        String target = request.uri();
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.attr(IN_FLIGHT).set(written);
        CompletableFuture<FullHttpResponse> inOrder = previous == null ? ready : previous.thenCompose(done -> ready);
        inOrder.whenComplete((response, failure) -> channel.eventLoop().execute(() -> {
            FullHttpResponse out = response;
            if (failure != null) {
                log.warn("HTTP {} failed: {}", target, failure.toString());
                out = HttpResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
            }
            write(ctx, out, keepAlive, head);
            channel.attr(IN_FLIGHT).compareAndSet(written, null);
            written.complete(null);
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            meters.allocationFailure();
            failureLog.warn("closing HTTP connection {}: {}", ClientAddress.of(ctx.channel()), cause.toString());
            ctx.close();
            return;
        }
        meters.badHttpRequest();
        log.debug("HTTP connection {} failed: {}", ClientAddress.of(ctx.channel()), cause.toString());
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(HttpResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, ConnectionAdmission.Refusal refusal) {
        Channel channel = ctx.channel();
        if (isUpgrade(request)) {
            upgrade.handshake(channel, request).addListener(done -> {
                if (done.isSuccess()) {
                    Connection.of(channel).close(CloseCodes.TRY_AGAIN_LATER, refusal.reason());
                }
            });
            return;
        }
        FullHttpResponse busy = HttpResponses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, refusal.reason() + "\n");
        busy.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        reply(ctx, request, busy, false);
    }

    private static boolean isHttp1(HttpVersion version) {
        return "HTTP".equals(version.protocolName()) && version.majorVersion() == 1 && version.minorVersion() <= 1;
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                              boolean mayKeepAlive) {
        write(ctx, response, mayKeepAlive && HttpUtil.isKeepAlive(request), HttpMethod.HEAD.equals(request.method()));
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (head) {
            response.content().clear();
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
