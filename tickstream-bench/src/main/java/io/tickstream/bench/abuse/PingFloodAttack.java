package io.tickstream.bench.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * WebSockets on the JSON endpoint that never authenticate and send masked pings of the largest
 * size a control frame may have, as fast as they can, without ever reading: each ping obliges the
 * gateway to queue a pong of the same size for a reader that never comes. A connection the gateway
 * closes is opened again.
 */
final class PingFloodAttack extends ThreadedAttack {

    private static final int CONNECTIONS = 4;
    private static final int PINGS_PER_WRITE = 32;
    private static final byte[] PAYLOAD = new byte[RawWebSocket.MAX_CONTROL_PAYLOAD];


    PingFloodAttack() {
        super("bench-abuse-ping", CONNECTIONS, "pings");
    }

    @Override
    void attack(AttackThreads attack, InetSocketAddress gateway) {
        while (attack.running()) {
            RawWebSocket webSocket = attack.openWebSocket(gateway, "/", tally);
            if (webSocket == null) {
                continue;
            }
            try {
                while (attack.running()) {
                    int bytes = 0;
                    for (int i = 0; i < PINGS_PER_WRITE; i++) {
                        bytes += webSocket.send(true, RawWebSocket.PING, PAYLOAD);
                    }
                    webSocket.flush();
                    tally.sent(bytes, PINGS_PER_WRITE);
                }
            } catch (IOException closed) {
                if (attack.running()) {
                    tally.closedByServer();
                }
            } finally {
                attack.release(webSocket);
            }
        }
    }
}
