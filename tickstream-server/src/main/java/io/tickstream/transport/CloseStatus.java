package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * How a WebSocket connection ended: the first close frame of the closing handshake, who sent it,
 * its code and reason. Kept on the channel for the connection's close log line. Immutable.
 *
 * @param byServer whether this side sent the first close frame
 */
public record CloseStatus(boolean byServer, int code, String reason) {

    private static final AttributeKey<CloseStatus> KEY = AttributeKey.valueOf(CloseStatus.class, "status");

    /** Remembers the first close frame of a connection; later ones (the answer) are ignored. Any thread. */
    static void remember(Channel channel, boolean byServer, int code, String reason) {
        channel.attr(KEY).setIfAbsent(new CloseStatus(byServer, code, reason == null ? "" : reason));
    }

    /** The first close frame sent or received, or null when the socket ended without one (1006). */
    public static CloseStatus of(Channel channel) {
        return channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
    }
}
