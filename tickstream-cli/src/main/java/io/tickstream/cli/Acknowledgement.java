package io.tickstream.cli;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits, boundedly, for the bus to confirm one published message; stateless, callable from any thread. */
final class Acknowledgement {

    static final long TIMEOUT_SECONDS = 10;

    private Acknowledgement() {
    }

    /**
     * Returns once {@code pending} completes; rethrows its failure, or fails when it takes longer
     * than {@value #TIMEOUT_SECONDS} s.
     *
     * @param what what was sent, for the error message, e.g. {@code "the update"}
     */
    static void await(CompletionStage<?> pending, String what) throws Exception {
        try {
            pending.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("the bus did not confirm " + what + " within " + TIMEOUT_SECONDS + " s");
        }
    }
}
