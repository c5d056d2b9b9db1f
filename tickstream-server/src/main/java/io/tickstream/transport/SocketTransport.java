package io.tickstream.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a gateway's sockets are driven ({@code websocket.transport}). A native transport whose
 * library does not load here falls back: io_uring to epoll, epoll to NIO, which always works.
 */
public enum SocketTransport {
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    private final String configName;

    SocketTransport(String configName) {
        this.configName = configName;
    }

    /** The transport of a configuration value: epoll, io_uring or nio. */
    public static SocketTransport named(String name) {
        for (SocketTransport transport : values()) {
            if (transport.configName.equals(name)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("must be " + Arrays.stream(values()).map(SocketTransport::configName)
                .collect(Collectors.joining(", ")) + "; was " + name);
    }

    public String configName() {
        return configName;
    }

    public boolean isAvailable() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    /** Why this transport does not load here, or null when it does. */
    public Throwable unavailabilityCause() {
        return switch (this) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            case NIO -> null;
        };
    }

    /** This transport when it loads here, else the first of its fallbacks that does. */
    public SocketTransport serving() {
        SocketTransport candidate = this;
        while (!candidate.isAvailable()) {
            candidate = candidate.fallback();
        }
        return candidate;
    }

    SocketTransport fallback() {
        return this == IO_URING ? EPOLL : NIO;
    }

    /** The event loops' I/O handlers of this transport; for one that {@link #isAvailable() loads} here. */
    public IoHandlerFactory newIoHandlerFactory() {
        return switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerSocketChannel> serverChannelType() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /** The client socket of this transport, for the load generator's connections. */
    public Class<? extends SocketChannel> socketChannelType() {
        return switch (this) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }
}
