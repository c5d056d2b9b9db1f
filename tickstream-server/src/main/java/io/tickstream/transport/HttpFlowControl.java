package io.tickstream.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection's flow control, until it is upgraded or closed:
 * <ul>
 * <li>it hands the router one request at a time: pipelined requests wait here until the response
 *     before them is written, and each is handled in a task of its own, so one connection's
 *     pipeline never holds its event loop for more than one request at a time;</li>
 * <li>it stops reading while a response is unwritten or the socket is not writable, and reads
 *     again once both are done, so a client that never reads its answers costs at most the
 *     requests of one read;</li>
 * <li>more requests in flight (handled or waiting) than the policy allows close the connection;</li>
 * <li>a request must arrive whole within the request timeout of its first byte, or of the
 *     connection's opening; with nothing in flight the connection is closed after the idle timeout.</li>
 * </ul>
 * It sits after the HTTP aggregator, and its {@link #bytesIn() byte watcher} first in the pipeline
 * to see a request start. Confined to the connection's event loop.
 */
final class HttpFlowControl extends ChannelDuplexHandler {

    /** Pipeline names of the two stages. */
    static final String NAME = "http-flow";
    static final String BYTES_NAME = "http-bytes";

    private enum Wait { NONE, REQUEST, IDLE }

    private final HttpConnectionPolicy policy;
    private final ChannelInboundHandlerAdapter bytesIn = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (timer == Wait.IDLE) {
                await(Wait.REQUEST);
            }
            ctx.fireChannelRead(msg);
        }
    };
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int inFlight;
    private boolean closing;
    private Wait timer = Wait.NONE;
    private ScheduledFuture<?> deadline;

    HttpFlowControl(HttpConnectionPolicy policy) {
        this.policy = policy;
    }

    /** The stage that goes first in the pipeline: it notices the first byte of a request. */
    ChannelInboundHandlerAdapter bytesIn() {
        return bytesIn;
    }

    /** Added on accept, or later, once a PROXY protocol header has come: the request timer starts now. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            await(Wait.REQUEST);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (timer == Wait.NONE && inFlight == 0) {
            await(Wait.REQUEST);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof FullHttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        await(Wait.NONE);
        FullHttpRequest request = (FullHttpRequest) msg;
        if (closing || inFlight + waiting.size() >= policy.maxInFlight) {
            request.release();
            if (!closing) {
                closing = true;
                policy.pipelineOverflows.increment();
                policy.closeLog.warn("closing HTTP connection {}: more than {} requests in flight",
                        ClientAddress.of(ctx.channel()), policy.maxInFlight);
                releaseWaiting();
                stopDecoding();
                ctx.close();
            }
            return;
        }
        ctx.channel().config().setAutoRead(false);
        if (inFlight > 0 || !waiting.isEmpty()) {
            waiting.add(request);
        } else {
            handle(request);
        }
    }

    private void handle(FullHttpRequest request) {
        inFlight++;
        ctx.fireChannelRead(request);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ChannelPromise written = promise.unvoid();
            written.addListener(done -> responded());
            ctx.write(msg, written);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeIfDrained();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        await(Wait.NONE);
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    /** Removed at the upgrade: the WebSocket stages take over reading and timing. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        await(Wait.NONE);
        releaseWaiting();
        ctx.channel().config().setAutoRead(true);
    }

    private void responded() {
        if (ctx.isRemoved()) {
            return;
        }
        if (inFlight > 0) {
            inFlight--;
        }
        if (!waiting.isEmpty()) {
            ctx.executor().execute(this::handleNext);
        } else if (inFlight == 0 && ctx.channel().isActive()) {
            await(Wait.IDLE);
        }
        resumeIfDrained();
    }

    private void handleNext() {
        FullHttpRequest next = waiting.poll();
        if (next == null) {
            return;
        }
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            next.release();
            releaseWaiting();
            return;
        }
        handle(next);
    }

    /**
     * Removes the HTTP decoder so that it stops at once, rather than decoding every request left in
     * what it has read (a read can hold thousands) only for them to be dropped.
     */
    private void stopDecoding() {
        if (ctx.pipeline().get(GatewayServer.HTTP_CODEC) != null) {
            ctx.pipeline().remove(GatewayServer.HTTP_CODEC);
        }
    }

    private void releaseWaiting() {
        for (FullHttpRequest request = waiting.poll(); request != null; request = waiting.poll()) {
            request.release();
        }
    }

    private void resumeIfDrained() {
        if (inFlight == 0 && waiting.isEmpty() && ctx.channel().isWritable() && ctx.channel().isActive() && !ctx.isRemoved()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void await(Wait next) {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        timer = next;
        if (next != Wait.NONE && ctx.channel().isActive()) {
            long nanos = next == Wait.REQUEST ? policy.requestTimeoutNanos : policy.idleTimeoutNanos;
            deadline = ctx.executor().schedule(() -> expire(next), nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Wait expired) {
        if (timer != expired || !ctx.channel().isActive()) {
            return;
        }
        deadline = null;
        timer = Wait.NONE;
        if (expired == Wait.IDLE) {
            policy.idleTimeouts.increment();
            ctx.close();
            return;
        }
        policy.requestTimeouts.increment();
        policy.closeLog.warn("closing HTTP connection {}: no complete request within {} ms",
                ClientAddress.of(ctx.channel()), HttpConnectionPolicy.millis(policy.requestTimeoutNanos));
        if (!ctx.channel().isWritable()) {
            ctx.close();
            return;
        }
        var timeout = HttpResponses.text(HttpResponseStatus.REQUEST_TIMEOUT, "request timeout\n");
        timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }
}
