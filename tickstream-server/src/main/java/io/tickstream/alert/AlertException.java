package io.tickstream.alert;

/**
 * A request about alerts that was refused: {@code code} is the client's error code
 * ({@code invalid_alert}, {@code alert_limit}, {@code unknown_alert}, {@code forbidden}), or null for an unknown symbol,
 * which is refused as a subscribe refuses it.
 */
public final class AlertException extends RuntimeException {

    private final String code;

    public AlertException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
