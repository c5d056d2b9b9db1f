package io.tickstream.transport;

/**
 * The WebSocket close codes Tickstream sends, and what a client should do about each. The client
 * SDK keeps the same table: codes marked "reconnect" are transient, the others mean "stop and fix
 * the request".
 */
public final class CloseCodes {

    /** Normal closure (answer to the client's close). */
    public static final int NORMAL = 1000;
    /** Ping timeout or server shutdown: reconnect. */
    public static final int GOING_AWAY = 1001;
    /** A frame no extension explains (a reserved bit set): stop. */
    public static final int PROTOCOL_ERROR = 1002;
    /** Binary frame on a text protocol: stop. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** The server is restarting (a drain on shutdown): reconnect, after the notice's {@code retryAfterMs}. */
    public static final int SERVICE_RESTART = 1012;
    /** A text message that is not valid UTF-8: stop. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Bad credentials, unknown or forbidden instrument, auth timeout, limits: stop. */
    public static final int POLICY_VIOLATION = 1008;
    /** A client frame above the configured maximum: stop. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /**
     * Try again later (RFC 6455's 1013), for a client that could not keep up with its stream
     * (reconnect, ideally with fewer subscriptions) or that came while the server was over a
     * connection cap (reconnect after a pause).
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The close a slow consumer gets: {@link #TRY_AGAIN_LATER}. */
    public static final int SLOW_CONSUMER = TRY_AGAIN_LATER;

    private CloseCodes() {
    }

    /** Whether a client should reconnect after a close with this code. */
    public static boolean shouldReconnect(int code) {
        return code == GOING_AWAY || code == SLOW_CONSUMER || code == 1006 || code == 1011 || code == 1012;
    }
}
