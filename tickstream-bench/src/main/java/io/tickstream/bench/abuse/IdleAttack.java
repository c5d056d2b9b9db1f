package io.tickstream.bench.abuse;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Connections that never finish a request: half send nothing, half the start of a request line,
 * and all then hold on. A gateway without idle timeouts keeps them, and what they cost, for ever;
 * what counts here is how many it let go by the end of the phase. They are not opened again. One
 * thread with a selector notices every close.
 */
final class IdleAttack implements Attack {

    private static final int CONNECTIONS = 200;
    private static final byte[] PARTIAL_REQUEST = "GET /metr".getBytes(StandardCharsets.US_ASCII);
    private static final long JOIN_MILLIS = 5_000;

    private final AttackerTally tally = new AttackerTally(null);
    private volatile boolean running;
    private Selector selector;
    private Thread thread;

    @Override
    public void start(InetSocketAddress gateway) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        running = true;
        thread = new Thread(() -> hold(gateway), "bench-abuse-idle");
        thread.setDaemon(true);
        thread.start();
    }

    private void hold(InetSocketAddress gateway) {
        try {
            for (int i = 0; i < CONNECTIONS && running; i++) {
                open(gateway, i % 2 == 1);
            }
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!drain((SocketChannel) key.channel(), sink)) {
                        key.cancel();
                        key.channel().close();
                        tally.closedByServer();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the idle attacker's selector failed", e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
        }
    }

    private void open(InetSocketAddress gateway, boolean partial) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.bind(SOURCE);
            channel.socket().connect(gateway, AttackThreads.CONNECT_TIMEOUT_MILLIS);
            tally.opened();
            if (partial) {
                tally.sent(channel.write(ByteBuffer.wrap(PARTIAL_REQUEST)), 0);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            tally.refused();
            if (channel != null) {
                closeQuietly(channel);
            }
        }
    }

    /** Reads (and drops) what the gateway sent, e.g. a 408; false once it has closed the connection. */
    private static boolean drain(SocketChannel channel, ByteBuffer sink) {
        try {
            int read;
            do {
                sink.clear();
                read = channel.read(sink);
            } while (read > 0);
            return read == 0;
        } catch (IOException reset) {
            return false;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the attack is over; a socket that fails to close is gone anyway
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(JOIN_MILLIS);
    }

    @Override
    public AttackerTally tally() {
        return tally;
    }
}
