package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.tickstream.metrics.ThrottledLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a connection's PROXY protocol header (v1 or v2, decoded by Netty's
 * {@code HAProxyMessageDecoder} before it), remembers the client address it names, and only then
 * lets the connection in: the caps count the real client, not the load balancer. A header that does
 * not arrive in time, or is not one, closes the connection. One per connection, confined to its loop.
 */
final class ProxyProtocolHeader extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyProtocolHeader.class);
    private static final ThrottledLog failures = new ThrottledLog(log, 5_000);

    private final long timeoutNanos;
    private final Consumer<Channel> admit;
    private ScheduledFuture<?> timeout;

    /** @param admit what follows the header: admission and the HTTP stages */
    ProxyProtocolHeader(long timeoutNanos, Consumer<Channel> admit) {
        this.timeoutNanos = timeoutNanos;
        this.admit = admit;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            failures.warn("closing connection {}: no PROXY protocol header in time", ctx.channel().remoteAddress());
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            InetSocketAddress client = clientOf(header);
            if (client != null) {
                ClientAddress.remember(ctx.channel(), client);
            }
        } finally {
            header.release();
        }
        timeout.cancel(false);
        Channel channel = ctx.channel();
        ctx.pipeline().remove(this);
        admit.accept(channel);
    }

    /**
     * The client an IPv4 or IPv6 header names, parsed as a literal address (never looked up: a name
     * would block the event loop on DNS); null for a LOCAL header (the balancer's own health check)
     * or another address family, whose connection keeps its socket's peer address.
     */
    private static InetSocketAddress clientOf(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY || header.sourceAddress() == null) {
            return null;
        }
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4 && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return address == null ? null : new InetSocketAddress(address, header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failures.warn("closing connection {}: bad PROXY protocol header: {}", ctx.channel().remoteAddress(),
                cause.getMessage());
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
