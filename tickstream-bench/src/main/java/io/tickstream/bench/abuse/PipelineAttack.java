package io.tickstream.bench.abuse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sockets that pipeline {@code GET /metrics} as fast as they can and never read an answer. A
 * gateway that keeps reading computes every answer and queues it in memory for a reader that never
 * comes; one with backpressure stops reading, and the writes here block until {@link #stop}. A
 * socket the gateway closes is opened again.
 */
final class PipelineAttack extends ThreadedAttack {

    private static final int SOCKETS = 4;
    private static final int REQUESTS_PER_WRITE = 32;
    private static final byte[] REQUESTS = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(REQUESTS_PER_WRITE)
            .getBytes(StandardCharsets.US_ASCII);


    PipelineAttack() {
        super("bench-abuse-pipeline", SOCKETS, "requests");
    }

    @Override
    void attack(AttackThreads attack, InetSocketAddress gateway) {
        while (attack.running()) {
            Socket socket = attack.connect(gateway, tally);
            if (socket == null) {
                continue;
            }
            try {
                OutputStream out = socket.getOutputStream();
                while (attack.running()) {
                    out.write(REQUESTS);
                    tally.sent(REQUESTS.length, REQUESTS_PER_WRITE);
                }
            } catch (IOException closed) {
                if (attack.running()) {
                    tally.closedByServer();
                }
            } finally {
                attack.release(socket);
            }
        }
    }
}
