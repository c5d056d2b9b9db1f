package io.tickstream.protocol;

import io.netty.channel.Channel;
import io.tickstream.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line and one gauge step per connection lifecycle event. Stateless. */
public final class SessionLog {

    private static final Logger log = LoggerFactory.getLogger("io.tickstream.connections");

    private SessionLog() {
    }

    /** Logs the open now and the close (with its cause) when it happens; counts the connection meanwhile. */
    public static void opened(Channel channel, String protocol, GatewayMetrics metrics) {
        metrics.openConnections.incrementAndGet();
        log.info("{} connection {} opened", protocol, channel.remoteAddress());
        channel.closeFuture().addListener(closed -> {
            metrics.openConnections.decrementAndGet();
            log.info("{} connection {} closed", protocol, channel.remoteAddress());
        });
    }

    public static void authenticated(Channel channel, String protocol, String account) {
        log.info("{} connection {} authenticated as {}", protocol, channel.remoteAddress(), account);
    }

    public static void refused(Channel channel, String protocol, String reason) {
        log.info("{} connection {} refused: {}", protocol, channel.remoteAddress(), reason);
    }
}
