package io.tickstream.bench.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * WebSockets on the JSON endpoint that break the message rules, one violation at a time, and
 * record how the gateway answers each: the code of its close frame (1009 "message too big", 1007
 * "invalid data" are what RFC 6455 prescribes), 1006 when it drops the connection without one, or
 * "accepted" when it keeps the connection. A connection the gateway closes is opened again.
 */
final class BadFramesAttack extends ThreadedAttack {

    private static final int CONNECTIONS = 4;
    /** How long the gateway has to close after a violation before it counts as accepted. */
    private static final long VERDICT_MILLIS = 500;
    private static final int FRAGMENTS = 80;
    private static final byte[] FRAGMENT = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);


    /** One way to break the rules, and how to send it. */
    private enum Violation {
        /** 80 KiB of text in 1 KiB fragments: every frame is small, the message is above the gateway's 64 KiB. */
        OVERSIZED("oversized") {
            @Override
            int send(RawWebSocket webSocket) throws IOException {
                int bytes = 0;
                for (int i = 0; i < FRAGMENTS; i++) {
                    bytes += webSocket.send(i == FRAGMENTS - 1,
                            i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, FRAGMENT);
                }
                webSocket.flush();
                return bytes;
            }
        },
        /** A text message that is not UTF-8: 0xC3 starts a two-byte sequence, 0x28 cannot continue it. */
        INVALID_UTF8("invalidUtf8") {
            @Override
            int send(RawWebSocket webSocket) throws IOException {
                int bytes = webSocket.send(true, RawWebSocket.TEXT, new byte[] {(byte) 0xC3, 0x28});
                webSocket.flush();
                return bytes;
            }
        };

        private final String label;

        Violation(String label) {
            this.label = label;
        }

        /** Sends the violation; returns its bytes on the wire. */
        abstract int send(RawWebSocket webSocket) throws IOException;
    }

    BadFramesAttack() {
        super("bench-abuse-frames", CONNECTIONS, "messages");
    }

    @Override
    void attack(AttackThreads attack, InetSocketAddress gateway) {
        Violation[] violations = Violation.values();
        int round = 0;
        while (attack.running()) {
            RawWebSocket webSocket = attack.openWebSocket(gateway, "/", tally);
            if (webSocket == null) {
                continue;
            }
            try {
                boolean open = true;
                while (open && attack.running()) {
                    Violation violation = violations[round++ % violations.length];
                    int answer = commit(webSocket, violation);
                    if (attack.running()) {
                        open = answer == RawWebSocket.STILL_OPEN;
                        tally.outcome(violation.label + "." + (open ? "accepted" : Integer.toString(answer)));
                        if (!open) {
                            tally.closedByServer();
                        }
                    }
                }
            } finally {
                attack.release(webSocket);
            }
        }
    }

    /** Sends one violation and returns the gateway's answer, as {@link RawWebSocket#awaitClose} does. */
    private int commit(RawWebSocket webSocket, Violation violation) {
        try {
            tally.sent(violation.send(webSocket), 1);
        } catch (IOException cutOff) {
            // the gateway closed while the message was going out; its close frame may still be there to read
        }
        return webSocket.awaitClose(VERDICT_MILLIS);
    }
}
