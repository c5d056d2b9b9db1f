package io.tickstream.client.message;

/**
 * {@code {"type":"error","message":..}}, with a machine-readable {@code code} for some errors
 * ({@code rate_limited}, {@code subscription_limit}). The connection stays open. Immutable.
 *
 * @param code         the error code, or null
 * @param retryAfterMs for {@code rate_limited}: how long to wait before sending again; otherwise -1
 */
public record ServerError(String code, String message, long retryAfterMs) implements ControlMessage {

    public static final String RATE_LIMITED = "rate_limited";
    public static final String SUBSCRIPTION_LIMIT = "subscription_limit";

    public boolean isRateLimited() {
        return RATE_LIMITED.equals(code);
    }
}
