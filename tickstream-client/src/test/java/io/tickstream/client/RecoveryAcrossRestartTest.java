package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.bus.HistoryLimits;
import io.tickstream.client.message.Fill;
import io.tickstream.client.message.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The SDK's side of the delivery guarantees against a real gateway that goes away while fills and trades go on. */
class RecoveryAcrossRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void shouldDeliverEveryFillAndTradeOnceAndInOrderWhenTheGatewayRestartsWhilePublishing() throws Exception {
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().maxRetries(50).build()) {
            client.connect();
            MessageStream<Fill> fills = client.feed(Channel.FILLS).stream();
            MessageStream<Trade> trades = client.trades("EURUSD").stream();
            client.subscribe(Channel.TRADES, "EURUSD").get(5, TimeUnit.SECONDS);

            int total = 300;
            for (int n = 1; n <= total; n++) {
                publish(gateway, n);
                if (n == 100) {
                    gateway.stop();
                } else if (n == 200) {
                    gateway.restart();
                }
                Thread.sleep(1);
            }

            List<Integer> expected = IntStream.rangeClosed(1, total).boxed().toList();
            assertThat(take(fills, total).stream().map(fill -> Integer.parseInt(fill.tradeId().substring(2))).toList())
                    .isEqualTo(expected);
            assertThat(take(trades, total).stream().map(trade -> trade.quantity().intValueExact()).toList())
                    .isEqualTo(expected);
            fills.close();
            trades.close();
        }
    }

    @Test
    void shouldReportTheStreamsItCouldNotRecoverWhenTheHistoryNoLongerReachesBack() throws Exception {
        List<StreamId> unrecovered = new CopyOnWriteArrayList<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void onRecoveryFailed(StreamId stream) {
                unrecovered.add(stream);
            }
        };
        try (TestGateway gateway = TestGateway.start(UnaryOperator.identity(), new HistoryLimits(5, Duration.ofMinutes(10)));
             TickstreamClient client = gateway.client().maxRetries(50).listener(listener).build()) {
            client.connect();
            MessageStream<Trade> trades = client.trades("EURUSD").stream();
            client.subscribe(Channel.TRADES, "EURUSD").get(5, TimeUnit.SECONDS);
            publish(gateway, 1);
            assertThat(trades.poll(WAIT).quantity()).isEqualByComparingTo("1");

            gateway.stop();
            for (int n = 2; n <= 20; n++) {
                publish(gateway, n);
            }
            gateway.restart();

            await().atMost(WAIT).until(() -> unrecovered.contains(StreamId.trades("EURUSD"))
                    && unrecovered.contains(StreamId.account()));
            publish(gateway, 21);
            assertThat(trades.poll(WAIT).quantity()).as("the stream goes on from now").isEqualByComparingTo(new BigDecimal(21));
            trades.close();
        }
    }

    private static void publish(TestGateway gateway, int n) {
        gateway.accountEvent("{\"type\":\"trade\",\"data\":{\"tradeId\":\"f-" + n + "\",\"symbol\":\"EURUSD\","
                + "\"side\":\"buy\",\"price\":1.0851,\"quantity\":1}}");
        gateway.trade(EURUSD, "{\"price\":1.0851,\"quantity\":" + n + ",\"side\":\"buy\"}");
    }

    private static <T> List<T> take(MessageStream<T> stream, int count) throws InterruptedException {
        List<T> taken = new ArrayList<>();
        while (taken.size() < count) {
            T next = stream.poll(WAIT);
            assertThat(next).as("message " + (taken.size() + 1) + " of " + count + " within " + WAIT).isNotNull();
            taken.add(next);
        }
        return taken;
    }
}
