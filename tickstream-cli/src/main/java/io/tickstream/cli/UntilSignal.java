package io.tickstream.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until SIGINT or SIGTERM, then closes what it runs (a gateway
 * drains first) and ends the process with status 0, or 1 when closing failed or the command had
 * failed already. Called once per process, from the main thread.
 */
final class UntilSignal {

    private static final Logger log = LoggerFactory.getLogger(UntilSignal.class);
    private static volatile int status;

    private UntilSignal() {
    }

    /** Runs {@code close} when the process is told to stop (or ends), then halts with the status. */
    static void onSignal(Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.run();
            } catch (RuntimeException e) {
                log.error("shutting down failed", e);
                status = 1;
            }
            Runtime.getRuntime().halt(status);
        }, "tickstream-shutdown"));
    }

    /** The command failed: the process ends with status 1 once {@code close} ran. */
    static void failed() {
        status = 1;
    }

    /** Blocks for the rest of the process's life. */
    static void await() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    /** {@link #onSignal} then {@link #await}. */
    static void block(Runnable close) throws InterruptedException {
        onSignal(close);
        await();
    }
}
