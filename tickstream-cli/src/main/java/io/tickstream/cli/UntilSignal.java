package io.tickstream.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until SIGINT or SIGTERM, then closes what it runs and ends the
 * process with status 0 (1 when closing failed). Called once per process, from the main thread.
 */
final class UntilSignal {

    private static final Logger log = LoggerFactory.getLogger(UntilSignal.class);

    private UntilSignal() {
    }

    /** Blocks for the rest of the process's life; {@code close} runs in the shutdown hook. */
    static void block(Runnable close) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                close.run();
            } catch (RuntimeException e) {
                log.error("shutting down failed", e);
                status = 1;
            }
            Runtime.getRuntime().halt(status);
        }, "tickstream-shutdown"));
        new CountDownLatch(1).await();
    }
}
