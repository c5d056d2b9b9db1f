package io.tickstream.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the client every interval and drops it when nothing at all (pong, ping or message) came
 * back during a whole interval after a ping. One per connection, confined to its event loop.
 */
final class Heartbeat extends ChannelDuplexHandler {

    private final long intervalNanos;
    private final TransportMeters meters;
    private long lastReadNanos = System.nanoTime();
    private long pingSentNanos;
    private ScheduledFuture<?> timer;

    Heartbeat(Duration interval, TransportMeters meters) {
        this.intervalNanos = interval.toNanos();
        this.meters = meters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (pingSentNanos != 0 && lastReadNanos - pingSentNanos < 0) {
            meters.heartbeatTimeout();
            Connection.of(ctx.channel()).close(CloseCodes.GOING_AWAY, "ping timeout");
            return;
        }
        pingSentNanos = System.nanoTime();
        ctx.writeAndFlush(new PingWebSocketFrame());
    }
}
