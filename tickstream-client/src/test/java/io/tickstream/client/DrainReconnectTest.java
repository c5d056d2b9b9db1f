package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.message.Tick;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A gateway that drains for a shutdown: the client waits as it is told, then comes back by itself. */
class DrainReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void shouldWaitTheNoticesRetryAfterBeforeReconnectingThenResubscribe() throws Exception {
        LifeRecorder life = new LifeRecorder();
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().listener(life).build()) {
            client.connect();
            MessageStream<Tick> ticks = client.ticks("EURUSD").stream();
            client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);

            gateway.gateway().drain(Duration.ofMillis(100)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> !life.errors(ConnectionLostException.class).isEmpty());
            gateway.stop();
            gateway.restart();

            await().atMost(WAIT).until(client::isConnected);
            ConnectionLostException drained = life.errors(ConnectionLostException.class).get(0);
            assertThat(drained.getMessage()).contains("1012");
            long retryAfterMs = drained.retryAfter().toMillis();
            assertThat(retryAfterMs).as("the notice's wait, not the 50 ms backoff").isBetween(500L, 2500L);
            List<Long> lost = life.times(ConnectionState.RECONNECTING);
            List<Long> attempts = life.attemptTimes();
            assertThat(attempts.get(1) - lost.get(0)).as("waited before reconnecting").isGreaterThanOrEqualTo(retryAfterMs - 20);

            gateway.quote(EURUSD, "1.08600", "1.08612");
            Tick fresh;
            do {
                fresh = ticks.poll(WAIT);
                assertThat(fresh).as("a tick after the reconnect").isNotNull();
            } while (!fresh.bid().equals(new BigDecimal("1.08600")));
            assertThat(fresh.ask()).isEqualTo(new BigDecimal("1.08612"));
            ticks.close();
        }
    }
}
