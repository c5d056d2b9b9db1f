package io.tickstream.client;

/**
 * The WebSocket close codes of Tickstream and what the client does about each: the same table as
 * the server's ({@code io.tickstream.transport.CloseCodes}). Reconnect on 1001, 1006, 1011, 1012,
 * 1013 (and on a lost network); stop on every other code. Stateless.
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    /** Ping timeout or server shutdown: reconnect. */
    public static final int GOING_AWAY = 1001;
    /** Binary frame on a text protocol: stop. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** No close frame: the connection dropped (reported locally, never sent): reconnect. */
    public static final int ABNORMAL = 1006;
    /** Bad credentials, auth timeout, connection or rate limits: stop. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame above the server's maximum: stop. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Server error: reconnect. */
    public static final int INTERNAL_ERROR = 1011;
    /** Server restart: reconnect. */
    public static final int SERVICE_RESTART = 1012;
    /** Slow consumer (or try again later): reconnect, ideally with fewer subscriptions. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    /** Whether the client reconnects after a close with this code. */
    public static boolean shouldReconnect(int code) {
        return code == GOING_AWAY || code == ABNORMAL || code == INTERNAL_ERROR || code == SERVICE_RESTART
                || code == TRY_AGAIN_LATER;
    }

    /** What the code means, for messages. */
    static String describe(int code) {
        return switch (code) {
            case NORMAL -> "normal closure";
            case GOING_AWAY -> "going away (ping timeout or shutdown)";
            case UNSUPPORTED_DATA -> "unsupported data";
            case ABNORMAL -> "connection dropped";
            case POLICY_VIOLATION -> "policy violation: credentials, auth timeout or a limit; fix before reconnecting";
            case MESSAGE_TOO_BIG -> "message too big";
            case INTERNAL_ERROR -> "server error";
            case SERVICE_RESTART -> "service restart";
            case TRY_AGAIN_LATER -> "slow consumer or overload";
            default -> "close code " + code;
        };
    }
}
