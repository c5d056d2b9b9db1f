package io.tickstream.bench.abuse;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * TLS handshakes that cost the gateway more than the attacker: every {@value #BURST_INTERVAL_MILLIS}
 * ms a burst of {@value #HALF_OPEN} half-open ClientHellos (a TCP connect, one ClientHello, then
 * silence), half from each of two loopback addresses, the previous burst's sockets closed first; and
 * meanwhile {@value #FULL_PER_SECOND} full handshakes a second from a third address, each closed at
 * once. Needs a gateway serving TLS. The half-open sockets are never read: what the gateway does with
 * them (a ServerHello, a close) costs the attacker nothing. The full handshakes are paced because each
 * costs this JVM a client handshake too, and on a small host that CPU would be taken from the
 * bystanders measured here rather than from the gateway.
 */
final class HandshakeAttack implements Attack {

    static final int HALF_OPEN = 1_900;
    private static final long BURST_INTERVAL_MILLIS = 2_000;
    private static final InetSocketAddress[] HALF_OPEN_SOURCES = {
            new InetSocketAddress("127.66.0.1", 0), new InetSocketAddress("127.66.0.2", 0)};
    private static final InetSocketAddress FULL_SOURCE = new InetSocketAddress("127.66.0.3", 0);
    private static final long JOIN_MILLIS = 10_000;
    private static final int FULL_PER_SECOND = 20;

    private final AttackerTally tally = new AttackerTally("handshakes");
    private volatile boolean running;
    private Thread bursts;
    private Thread full;

    @Override
    public void start(InetSocketAddress gateway) {
        running = true;
        bursts = daemon("bench-abuse-handshake-bursts", () -> burst(gateway));
        full = daemon("bench-abuse-handshake-full", () -> fullHandshakes(gateway));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Bursts of half-open ClientHellos until the phase ends; the last burst's sockets are held to the end. */
    private void burst(InetSocketAddress gateway) {
        List<Socket> held = new ArrayList<>(HALF_OPEN);
        try {
            while (running) {
                closeAll(held);
                byte[] hello = clientHello(gateway);
                long start = System.nanoTime();
                for (int i = 0; i < HALF_OPEN && running; i++) {
                    Socket socket = halfOpen(gateway, HALF_OPEN_SOURCES[i % HALF_OPEN_SOURCES.length], hello);
                    if (socket != null) {
                        held.add(socket);
                    }
                }
                tally.outcome("bursts");
                long left = BURST_INTERVAL_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                sleep(left);
            }
        } finally {
            closeAll(held);
        }
    }

    private Socket halfOpen(InetSocketAddress gateway, InetSocketAddress source, byte[] hello) {
        Socket socket = new Socket();
        try {
            socket.bind(source);
            socket.connect(gateway, AttackThreads.CONNECT_TIMEOUT_MILLIS);
            tally.opened();
            socket.getOutputStream().write(hello);
            tally.sent(hello.length, 0);
            return socket;
        } catch (IOException e) {
            tally.refused();
            closeQuietly(socket);
            return null;
        }
    }

    /** Complete handshakes, one after another, each closed as soon as it is done. */
    private void fullHandshakes(InetSocketAddress gateway) {
        SSLContext trustAll = trustAll();
        long next = System.nanoTime();
        while (running) {
            next += TimeUnit.SECONDS.toNanos(1) / FULL_PER_SECOND;
            sleep(TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()));
            Socket plain = new Socket();
            try {
                plain.bind(FULL_SOURCE);
                plain.connect(gateway, AttackThreads.CONNECT_TIMEOUT_MILLIS);
                tally.opened();
                try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(plain, "localhost",
                        gateway.getPort(), true)) {
                    tls.setSoTimeout(AttackThreads.CONNECT_TIMEOUT_MILLIS);
                    tls.startHandshake();
                    tally.sent(0, 1);
                }
            } catch (IOException refused) {
                tally.refused();
                closeQuietly(plain);
            }
        }
    }

    /** One ClientHello as the JDK's client writes it (TLS 1.3 and 1.2 offered, key shares included). */
    private static byte[] clientHello(InetSocketAddress gateway) {
        try {
            SSLEngine client = trustAll().createSSLEngine("localhost", gateway.getPort());
            client.setUseClientMode(true);
            client.beginHandshake();
            ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            client.wrap(ByteBuffer.allocate(0), hello);
            hello.flip();
            byte[] bytes = new byte[hello.remaining()];
            hello.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a ClientHello", e);
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client context", e);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        sockets.forEach(HandshakeAttack::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the attack is over for this socket either way
        }
    }

    private void sleep(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        while (running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        bursts.join(JOIN_MILLIS);
        full.join(JOIN_MILLIS);
    }

    @Override
    public AttackerTally tally() {
        return tally;
    }
}
