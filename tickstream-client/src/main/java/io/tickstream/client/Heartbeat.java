package io.tickstream.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Pings the server every {@code pingInterval} with a WebSocket ping and declares the connection
 * dead when nothing at all (pong or message) arrived within {@code pingTimeout} after a ping, so a
 * dead peer is found within {@code pingInterval + pingTimeout}. Confined to the client's loop thread.
 */
final class Heartbeat {

    private final ClientLoop loop;
    private final Duration interval;
    private final Duration timeout;
    private final Consumer<Connection> onDead;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> check;

    Heartbeat(ClientLoop loop, Duration interval, Duration timeout, Consumer<Connection> onDead) {
        this.loop = loop;
        this.interval = interval;
        this.timeout = timeout;
        this.onDead = onDead;
    }

    void start(Connection connection) {
        stop();
        pinger = loop.every(interval, () -> ping(connection));
    }

    void stop() {
        ClientLoop.cancel(pinger);
        ClientLoop.cancel(check);
        pinger = null;
        check = null;
    }

    private void ping(Connection connection) {
        long sentNanos = System.nanoTime();
        try {
            connection.ping();
        } catch (RuntimeException e) {
            // a connection that cannot even send a ping is found dead by the check below
        }
        check = loop.schedule(timeout, () -> {
            if (connection.lastReceivedNanos() - sentNanos < 0) {
                onDead.accept(connection);
            }
        });
    }
}
