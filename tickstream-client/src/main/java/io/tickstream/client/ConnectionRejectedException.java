package io.tickstream.client;

/**
 * Fatal: the server closed the connection with a code that means "do not reconnect" (README,
 * close codes: 1008 policy, 1003, 1007, 1009, ...). The client is {@link ConnectionState#FAILED}; fix the cause
 * (credentials, limits, the request) before starting a new client.
 */
public class ConnectionRejectedException extends TickstreamException {

    private final int closeCode;
    private final String reason;

    public ConnectionRejectedException(int closeCode, String reason) {
        this("the server closed the connection with " + closeCode + (reason.isEmpty() ? "" : " (" + reason + ")")
                + ": " + CloseCodes.describe(closeCode), closeCode, reason);
    }

    protected ConnectionRejectedException(String message, int closeCode, String reason) {
        super(message);
        this.closeCode = closeCode;
        this.reason = reason;
    }

    /** The WebSocket close code. */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason the server gave, possibly empty. */
    public String reason() {
        return reason;
    }
}
