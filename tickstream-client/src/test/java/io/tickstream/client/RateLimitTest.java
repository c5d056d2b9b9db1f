package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.Trade;
import io.tickstream.protocol.SessionLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void shouldPauseSendingForRetryAfterAndThenSubscribeWhenRateLimited() throws Exception {
        LifeRecorder life = new LifeRecorder();
        // One message per second, bursts of two: auth and the first subscribe pass, the second is refused.
        // Pings count against the limit too, so this client does not ping during the test.
        try (TestGateway gateway = TestGateway.start(config -> config.limits(new SessionLimits(Duration.ofSeconds(30), 500, 1, 4096)));
             TickstreamClient client = gateway.client().listener(life)
                     .pingInterval(Duration.ofSeconds(60)).pingTimeout(Duration.ofSeconds(10)).build()) {
            client.connect();
            MessageStream<Trade> trades = client.trades().stream();

            CompletableFuture<Void> ticks = client.subscribe(Channel.TICK, "EURUSD");
            CompletableFuture<Void> prints = client.subscribe(Channel.TRADES, "EURUSD");
            prints.get(10, TimeUnit.SECONDS);
            long confirmedNanos = System.nanoTime();
            ticks.get(1, TimeUnit.SECONDS);

            List<ServerErrorException> limited = life.errors(ServerErrorException.class);
            assertThat(limited).singleElement().satisfies(e -> assertThat(e.error().isRateLimited()).isTrue());
            long retryAfterMs = limited.get(0).error().retryAfterMs();
            assertThat(retryAfterMs).isPositive();
            long limitedNanos = life.nanosOf(limited.get(0));
            assertThat((confirmedNanos - limitedNanos) / 1_000_000).as("waited before sending again")
                    .isGreaterThanOrEqualTo(retryAfterMs - 50);
            assertThat(gateway.gateway().sessionMeters().rateLimitedMessages()).as("refused messages").isEqualTo(1);
            assertThat(client.connectionAttempts()).isEqualTo(1);
            assertThat(client.isConnected()).isTrue();

            gateway.trade(EURUSD, "{\"price\":1.0851,\"quantity\":1,\"side\":\"buy\"}");
            assertThat(trades.poll(Duration.ofSeconds(5))).isNotNull();
            trades.close();
        }
    }
}
