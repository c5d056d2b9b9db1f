package io.tickstream.client;

/**
 * Fatal: the client could not (re)connect and authenticate after {@code maxRetries} retries in a
 * row. {@link #getCause()} is the failure of the last attempt.
 */
public final class RetriesExhaustedException extends TickstreamException {

    private final int attempts;

    public RetriesExhaustedException(int attempts, int maxRetries, Throwable lastFailure) {
        super("gave up after " + attempts + " failed connection attempt" + (attempts == 1 ? "" : "s")
                + " in a row (maxRetries " + maxRetries + "); last failure: " + describe(lastFailure), lastFailure);
        this.attempts = attempts;
    }

    /** How many attempts failed in a row before the client gave up. */
    public int attempts() {
        return attempts;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
