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
 * <li>it hands the router one request at a time, and only the first request of a read inline: the
 *     others wait here and each is handled in a task of its own once the response before it is
 *     written, so one connection's pipeline never holds its event loop for more than one request;</li>
 * <li>it stops reading while a request is being answered or waits, or the socket is not writable,
 *     and reads again once all is answered and written, so a client that never reads its answers
 *     costs at most the requests of one read;</li>
 * <li>more requests in flight (answered or waiting) than the policy allows close the connection,
 *     and the HTTP decoder stops at once;</li>
 * <li>a request must arrive whole within the request timeout of its first byte (or of the
 *     connection's admission), and its answer must be written within as long again, else the
 *     connection is closed; with nothing in flight it is closed after the idle timeout.</li>
 * </ul>
 * It sits after the HTTP aggregator, and its {@link #bytesIn() byte watcher} first in the pipeline
 * to see a request start. Confined to the connection's event loop.
 */
final class HttpFlowControl extends ChannelDuplexHandler {

    /** Pipeline names of the two stages. */
    static final String NAME = "http-flow";
    static final String BYTES_NAME = "http-bytes";

    /** What the connection's one timer waits for. */
    private enum Wait { NONE, REQUEST, RESPONSE, IDLE }

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
    private boolean handledThisRead;
    private boolean nextScheduled;
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

    /**
     * Added once the connection is admitted (an accepted socket is active already): the first
     * request's timer starts now.
     */
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
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (inFlight + waiting.size() >= policy.maxInFlight) {
            request.release();
            overflow();
            return;
        }
        ctx.channel().config().setAutoRead(false);
        if (inFlight > 0 || !waiting.isEmpty() || handledThisRead) {
            waiting.add(request);
            scheduleNextIfIdle();
        } else {
            handledThisRead = true;
            handle(request);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handledThisRead = false;
        ctx.fireChannelReadComplete();
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

    private void handle(FullHttpRequest request) {
        inFlight++;
        await(Wait.RESPONSE);
        ctx.fireChannelRead(request);
    }

    /** A response was written (or failed to be): the next waiting request gets its turn, in a task of its own. */
    private void responded() {
        if (ctx.isRemoved()) {
            return;
        }
        if (inFlight > 0) {
            inFlight--;
        }
        if (inFlight == 0 && ctx.channel().isActive()) {
            await(waiting.isEmpty() ? Wait.IDLE : Wait.NONE);
        }
        scheduleNextIfIdle();
        resumeIfDrained();
    }

    private void scheduleNextIfIdle() {
        if (inFlight == 0 && !waiting.isEmpty() && !nextScheduled) {
            nextScheduled = true;
            ctx.executor().execute(this::handleNext);
        }
    }

    private void handleNext() {
        nextScheduled = false;
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

    private void overflow() {
        closing = true;
        policy.pipelineOverflows.increment();
        policy.closeLog.warn("closing HTTP connection {}: more than {} requests in flight",
                ClientAddress.of(ctx.channel()), policy.maxInFlight);
        releaseWaiting();
        stopDecoding();
        ctx.close();
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
        if (inFlight == 0 && waiting.isEmpty() && ctx.channel().isWritable() && ctx.channel().isActive()
                && !ctx.isRemoved()) {
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
            long nanos = next == Wait.IDLE ? policy.idleTimeoutNanos : policy.requestTimeoutNanos;
            deadline = ctx.executor().schedule(() -> expire(next), nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Wait expired) {
        if (timer != expired || !ctx.channel().isActive()) {
            return;
        }
        deadline = null;
        timer = Wait.NONE;
        switch (expired) {
            case IDLE -> {
                policy.idleTimeouts.increment();
                ctx.close();
            }
            case RESPONSE -> {
                policy.responseTimeouts.increment();
                policy.closeLog.warn("closing HTTP connection {}: its answer was not taken within {} ms",
                        ClientAddress.of(ctx.channel()), TimeUnit.NANOSECONDS.toMillis(policy.requestTimeoutNanos));
                ctx.close();
            }
            default -> requestTimedOut();
        }
    }

    private void requestTimedOut() {
        policy.requestTimeouts.increment();
        policy.closeLog.warn("closing HTTP connection {}: no complete request within {} ms",
                ClientAddress.of(ctx.channel()), TimeUnit.NANOSECONDS.toMillis(policy.requestTimeoutNanos));
        if (!ctx.channel().isWritable()) {
            ctx.close();
            return;
        }
        var timeout = HttpResponses.text(HttpResponseStatus.REQUEST_TIMEOUT, "request timeout\n");
        timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }
}
