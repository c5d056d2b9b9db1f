package io.tickstream.bench.abuse;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The threads of one attacker and the sockets they hold. The threads write with blocking calls
 * that stay blocked once the gateway stops reading; {@link #stop} closes every held socket, which
 * makes those calls fail, and then waits for the threads. Thread-safe.
 */
final class AttackThreads {

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final long JOIN_MILLIS = 3_000;
    private static final long PAUSE_AFTER_REFUSAL_MILLIS = 50;

    private final Set<Closeable> held = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private AttackThreads() {
    }

    /** Starts {@code count} daemon threads named {@code name-i}, each running {@code body}. */
    static AttackThreads start(String name, int count, Consumer<AttackThreads> body) {
        AttackThreads attack = new AttackThreads();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> body.accept(attack), name + "-" + i);
            thread.setDaemon(true);
            attack.threads.add(thread);
        }
        attack.threads.forEach(Thread::start);
        return attack;
    }

    boolean running() {
        return running;
    }

    /**
     * A TCP connection from {@link Attack#SOURCE}, held until {@link #release}; null when the
     * gateway refused it (counted, after a short pause so that a refusing gateway is not spun on).
     */
    Socket connect(InetSocketAddress gateway, AttackerTally tally) {
        Socket socket = new Socket();
        try {
            socket.bind(Attack.SOURCE);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.connect(gateway, CONNECT_TIMEOUT_MILLIS);
            tally.opened();
            return hold(socket);
        } catch (IOException e) {
            quietlyClose(socket);
            refused(tally);
            return null;
        }
    }

    /** A WebSocket on {@code path}, held until {@link #release}; null when refused (counted, as above). */
    RawWebSocket openWebSocket(InetSocketAddress gateway, String path, AttackerTally tally) {
        Socket socket = connect(gateway, tally);
        if (socket == null) {
            return null;
        }
        try {
            RawWebSocket webSocket = hold(RawWebSocket.upgrade(socket, path));
            held.remove(socket);
            return webSocket;
        } catch (IOException e) {
            release(socket);
            refused(tally);
            return null;
        }
    }

    private void refused(AttackerTally tally) {
        if (running) {
            tally.refused();
            try {
                Thread.sleep(PAUSE_AFTER_REFUSAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T extends Closeable> T hold(T socket) {
        held.add(socket);
        if (!running) {
            quietlyClose(socket);
        }
        return socket;
    }

    void release(Closeable socket) {
        held.remove(socket);
        quietlyClose(socket);
    }

    /** Closes every held socket and waits up to a few seconds for each thread. */
    void stop() throws InterruptedException {
        running = false;
        held.forEach(AttackThreads::quietlyClose);
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
        }
    }

    private static void quietlyClose(Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted; a socket that fails to close is gone anyway
        }
    }
}
