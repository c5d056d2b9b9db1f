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
    /** Binary frame on a text protocol: stop. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Bad credentials, unknown or forbidden instrument, auth timeout, limits: stop. */
    public static final int POLICY_VIOLATION = 1008;
    /** A client frame above the configured maximum: stop. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The client could not keep up with its stream: reconnect, ideally with fewer subscriptions. */
    public static final int SLOW_CONSUMER = 1013;

    private CloseCodes() {
    }

    /** Whether a client should reconnect after a close with this code. */
    public static boolean shouldReconnect(int code) {
        return code == GOING_AWAY || code == SLOW_CONSUMER || code == 1006 || code == 1011 || code == 1012;
    }
}
