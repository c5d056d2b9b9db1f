package io.tickstream.bench.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * WebSockets on the JSON endpoint that never authenticate and send masked pings of the largest
 * size a control frame may have, as fast as they can, without ever reading: each ping obliges the
 * gateway to queue a pong of the same size for a reader that never comes. A connection the gateway
 * closes is opened again.
 */
final class PingFloodAttack implements Attack {

    private static final int CONNECTIONS = 4;
    private static final int PINGS_PER_WRITE = 32;
    private static final byte[] PAYLOAD = new byte[RawWebSocket.MAX_CONTROL_PAYLOAD];

    private final AttackerTally tally = new AttackerTally("pings");
    private AttackThreads threads;

    @Override
    public void start(InetSocketAddress gateway) {
        threads = AttackThreads.start("bench-abuse-ping", CONNECTIONS, attack -> flood(attack, gateway));
    }

    private void flood(AttackThreads attack, InetSocketAddress gateway) {
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

    @Override
    public void stop() throws InterruptedException {
        threads.stop();
    }

    @Override
    public AttackerTally tally() {
        return tally;
    }
}
