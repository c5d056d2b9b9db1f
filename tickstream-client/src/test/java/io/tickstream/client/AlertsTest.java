package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.client.message.Alert;
import io.tickstream.client.message.PriceAlert;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code client.alerts()} against a real gateway: create, list, cancel, triggers through a feed and a handler. */
class AlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestGateway gateway;
    private TickstreamClient client;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start();
        client = gateway.client().build();
        client.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void createdAlertsAreListedFireOnceThroughFeedAndHandlerAndCanBeCanceled() throws Exception {
        gateway.quote(EURUSD, "1.0850", "1.0852");
        LinkedBlockingQueue<Alert> handled = new LinkedBlockingQueue<>();
        client.alerts().onTrigger(handled::add);
        try (MessageStream<Alert> triggers = client.alerts().triggers().stream()) {
            PriceAlert created = client.alerts().create(NewAlert.of("EURUSD", "bid", "crosses_above",
                    new BigDecimal("1.0900")).note("breakout").clientId("c-1")).get(10, TimeUnit.SECONDS);
            assertThat(created.state()).isEqualTo("active");
            assertThat(created.price()).isEqualByComparingTo("1.09");
            PriceAlert spare = client.alerts().create(NewAlert.of("EURUSD", "ask", "below", new BigDecimal("0.5")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(client.alerts().list().get(10, TimeUnit.SECONDS)).extracting(PriceAlert::id)
                    .containsExactly(created.id(), spare.id());

            gateway.quote(EURUSD, "1.0900", "1.0902");
            Alert trigger = triggers.poll(WAIT);
            assertThat(trigger.alertId()).isEqualTo(created.id());
            assertThat(trigger.clientId()).isEqualTo("c-1");
            assertThat(trigger.field()).isEqualTo("bid");
            assertThat(trigger.condition()).isEqualTo("crosses_above");
            assertThat(trigger.value().toPlainString()).isEqualTo("1.0900");
            assertThat(trigger.note()).isEqualTo("breakout");
            assertThat(handled.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(trigger);
        }

        client.alerts().cancel(spare(client)).get(10, TimeUnit.SECONDS);
        List<PriceAlert> left = client.alerts().list().get(10, TimeUnit.SECONDS);
        assertThat(left).extracting(PriceAlert::state).containsExactly("triggered");
    }

    @Test
    void refusalsFailWithTheGatewaysCode() throws Exception {
        assertThatThrownBy(() -> client.alerts().create(NewAlert.of("EURUSD", "volume", "above", BigDecimal.ONE))
                .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(((ServerErrorException) e).error().code()).isEqualTo("invalid_alert"));
        assertThatThrownBy(() -> client.alerts().cancel("nope").get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(((ServerErrorException) e).error().code()).isEqualTo("unknown_alert"));
    }

    private static String spare(TickstreamClient client) throws Exception {
        return client.alerts().list().get(10, TimeUnit.SECONDS).stream().filter(a -> a.state().equals("active"))
                .findFirst().orElseThrow().id();
    }
}
