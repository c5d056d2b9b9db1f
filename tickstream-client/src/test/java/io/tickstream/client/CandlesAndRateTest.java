package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.client.message.Candle;
import io.tickstream.client.message.Tick;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SDK's candle history call and {@code maxRate} subscriptions against a gateway in the JVM. */
class CandlesAndRateTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void shouldReadCandleHistoryAndPageBackWithEnd() throws Exception {
        try (TestGateway gateway = TestGateway.start(); TickstreamClient client = gateway.client().build()) {
            client.connect();
            long base = 1_700_000_000_000L;
            for (int i = 0; i < 5; i++) {
                gateway.trade(EURUSD, "{\"price\":1.1" + i + ",\"quantity\":0." + (i + 1) + ",\"side\":\"buy\",\"ts\":"
                        + (base + i * 60_000L) + "}");
            }

            List<Candle> newest = client.candles("EURUSD", "1m", 3, null).get(10, TimeUnit.SECONDS);
            List<Candle> older = client.candles("EURUSD", "1m", 3, newest.get(0).start() - 1).get(10, TimeUnit.SECONDS);

            assertThat(newest).extracting(Candle::close).containsExactly(
                    new BigDecimal("1.12"), new BigDecimal("1.13"), new BigDecimal("1.14"));
            assertThat(older).extracting(Candle::close).containsExactly(new BigDecimal("1.10"), new BigDecimal("1.11"));
            assertThat(newest.get(2)).isEqualTo(new Candle(1_700_000_220_000L, new BigDecimal("1.14"),
                    new BigDecimal("1.14"), new BigDecimal("1.14"), new BigDecimal("1.14"), new BigDecimal("0.5"), 1));
            assertThatThrownBy(() -> client.candles("EURUSD", "2m", 3, null).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("400")
                    .hasMessageContaining("unknown interval '2m'");
        }
    }

    @Test
    void shouldGetTheNewestQuoteAtTheAskedRateAndTheLastChange() throws Exception {
        try (TestGateway gateway = TestGateway.start(); TickstreamClient client = gateway.client().build()) {
            client.connect();
            MessageStream<Tick> ticks = client.ticks("EURUSD").stream();
            client.subscribe(Channel.TICK, 5, "EURUSD").get(5, TimeUnit.SECONDS);

            long started = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                gateway.quote(EURUSD, "1." + (10_000 + i), "2");
                if (i % 10 == 9) {
                    Thread.sleep(20);
                }
            }
            long periods = (System.nanoTime() - started) / 200_000_000L + 2;

            int received = 0;
            Tick tick;
            do {
                tick = ticks.poll(WAIT);
                received++;
            } while (!tick.bid().equals(new BigDecimal("1.10999")));
            assertThat(received).isBetween(5, (int) periods + 1);
            assertThat(client.subscriptions()).containsExactly(new Topic("EURUSD", Channel.TICK, 0, 5));
            assertThatThrownBy(() -> client.subscribe(Channel.TRADES, 5, "EURUSD"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("trades are never thinned: no maxRate");
            ticks.close();
        }
    }
}
