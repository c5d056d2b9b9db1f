package io.tickstream.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends one connection's text messages one at a time (the JDK allows one outstanding text send),
 * pulling the next from its source only when the previous is on the wire, so what is sent is always
 * computed from the newest subscription state. A {@code rate_limited} error pauses it: nothing is
 * sent until the pause is over. Confined to the client's loop thread.
 */
final class Outbound {

    private final Connection connection;
    private final ClientLoop loop;
    private final Supplier<String> source;
    private final Consumer<Throwable> onFailure;
    private final Queue<String> first = new ArrayDeque<>();
    private boolean open;
    private boolean sending;
    private boolean stopped;
    private long pausedUntilNanos;
    private boolean paused;

    /**
     * @param source    the next message to send once {@link #open()}, or null when there is none
     * @param onFailure told when a send fails (the connection is then broken)
     */
    Outbound(Connection connection, ClientLoop loop, Supplier<String> source, Consumer<Throwable> onFailure) {
        this.connection = connection;
        this.loop = loop;
        this.source = source;
        this.onFailure = onFailure;
    }

    /** Queues a message that goes before anything of the source (the {@code auth} message). */
    void sendFirst(String message) {
        first.add(message);
        pump();
    }

    /** Starts pulling from the source (once authenticated). */
    void open() {
        open = true;
        pump();
    }

    /**
     * Sends nothing for {@code duration}; then runs {@code onResume} and goes on. A longer pause
     * that is already running is kept.
     */
    void pause(Duration duration, Runnable onResume) {
        long until = System.nanoTime() + duration.toNanos();
        if (paused && until - pausedUntilNanos <= 0) {
            return;
        }
        paused = true;
        pausedUntilNanos = until;
        loop.schedule(duration, () -> {
            if (!stopped && paused && System.nanoTime() - pausedUntilNanos >= 0) {
                paused = false;
                onResume.run();
                pump();
            }
        });
    }

    void stop() {
        stopped = true;
    }

    /** Sends the next message when none is outstanding and not paused. */
    void pump() {
        if (stopped || sending || paused) {
            return;
        }
        String next = !first.isEmpty() ? first.poll() : open ? source.get() : null;
        if (next == null) {
            return;
        }
        sending = true;
        connection.sendText(next).whenComplete((webSocket, error) -> loop.execute(() -> sent(error)));
    }

    private void sent(Throwable error) {
        sending = false;
        if (stopped) {
            return;
        }
        if (error != null) {
            onFailure.accept(error);
            return;
        }
        pump();
    }
}
