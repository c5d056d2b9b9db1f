package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address of the client at the other end of a connection: the one a load balancer reported in
 * a PROXY protocol header, else the socket's peer. What limits and logs use. Any thread.
 */
public final class ClientAddress {

    private static final AttributeKey<InetSocketAddress> PROXIED = AttributeKey.valueOf(ClientAddress.class, "proxied");

    private ClientAddress() {
    }

    public static SocketAddress of(Channel channel) {
        InetSocketAddress proxied = channel.hasAttr(PROXIED) ? channel.attr(PROXIED).get() : null;
        return proxied != null ? proxied : channel.remoteAddress();
    }

    static void remember(Channel channel, InetSocketAddress client) {
        channel.attr(PROXIED).set(client);
    }
}
