package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private static final Duration PING_INTERVAL = Duration.ofMillis(300);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(400);
    /** Scheduling slack on a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(700);

    @Test
    void shouldFindADeadPeerWithinPingIntervalPlusTimeoutAndReconnectWhenItStopsAnswering() throws Exception {
        LifeRecorder life = new LifeRecorder();
        try (SilentPeer peer = new SilentPeer();
             TickstreamClient client = TickstreamClient.builder().uri(peer.uri()).apiKey("any")
                     .pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT)
                     .backoffBase(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(40))
                     .listener(life).build()) {

            client.connect();
            long connectedNanos = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> !life.errors(DeadConnectionException.class).isEmpty());
            long detectedNanos = System.nanoTime();

            long detectedAfterMs = (detectedNanos - connectedNanos) / 1_000_000;
            assertThat(detectedAfterMs).as("dead connection detected after")
                    .isGreaterThanOrEqualTo(PING_TIMEOUT.toMillis())
                    .isLessThanOrEqualTo(PING_INTERVAL.plus(PING_TIMEOUT).plus(MARGIN).toMillis());
            await().atMost(Duration.ofSeconds(5)).until(() -> peer.acceptedNanos.size() >= 2 && !peer.droppedNanos.isEmpty());
            List<ConnectionState> states = life.changes.stream().map(LifeRecorder.Change::state).toList();
            assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                    ConnectionState.CONNECTING);
            assertThat(client.connectionAttempts()).isGreaterThanOrEqualTo(2);
        }
    }
}
