package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.message.Tick;
import io.tickstream.testkit.FreePorts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void shouldReconnectWithGrowingDelaysAndResubscribeWhenTheGatewayRestartsOnTheSamePort() throws Exception {
        LifeRecorder life = new LifeRecorder();
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().backoffBase(Duration.ofMillis(100))
                     .backoffMax(Duration.ofMillis(1600)).maxRetries(20).listener(life).build()) {
            client.connect();
            MessageStream<Tick> ticks = client.ticks("EURUSD").stream();
            client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);
            gateway.quote(EURUSD, "1.08500", "1.08512");
            assertThat(ticks.poll(WAIT).bid()).isEqualTo(new BigDecimal("1.08500"));

            gateway.stop();
            await().atMost(WAIT).until(() -> life.attemptTimes().size() >= 5);
            gateway.restart();

            await().atMost(WAIT).until(client::isConnected);
            gateway.quote(EURUSD, "1.08600", "1.08612");
            Tick fresh = nextWithBid(ticks, "1.08600");
            assertThat(fresh.ask()).isEqualTo(new BigDecimal("1.08612"));
            assertThat(client.subscriptions()).containsExactly(new Topic("EURUSD", Channel.TICK, 0));
            assertThat(life.errors(ConnectionLostException.class)).isNotEmpty();
            assertGrowingDelays(life.attemptTimes());
            ticks.close();
        }
    }

    @Test
    void shouldThrowRetriesExhaustedFromConnectWhenNothingListens() {
        LifeRecorder life = new LifeRecorder();
        try (TickstreamClient client = TickstreamClient.builder().uri("ws://127.0.0.1:" + FreePorts.find() + "/")
                .apiKey("any").maxRetries(2).backoffBase(Duration.ofMillis(20)).backoffMax(Duration.ofMillis(40))
                .listener(life).build()) {

            assertThatThrownBy(client::connect).isInstanceOf(RetriesExhaustedException.class)
                    .hasMessageContaining("gave up after 3 failed")
                    .hasMessageContaining("maxRetries 2")
                    .hasMessageContaining("ConnectException");
            assertThat(client.connectionAttempts()).isEqualTo(3);
            assertThat(client.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(life.errors(RetriesExhaustedException.class)).hasSize(1);
        }
    }

    @Test
    void shouldEndStreamsWithRetriesExhaustedWhenTheGatewayNeverComesBack() throws Exception {
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().maxRetries(3).build()) {
            client.connect();
            MessageStream<Tick> ticks = client.ticks("EURUSD").stream();
            var trades = client.trades("EURUSD");
            TypedStreamsTest.Collecting<Object> flow = new TypedStreamsTest.Collecting<>();
            trades.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    flow.onSubscribe(subscription);
                }

                @Override
                public void onNext(io.tickstream.client.message.Trade item) {
                    flow.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    flow.onNext(throwable);
                }

                @Override
                public void onComplete() {
                }
            });

            gateway.stop();

            assertThatThrownBy(ticks::hasNext).isInstanceOf(RetriesExhaustedException.class);
            flow.await(1);
            assertThat(flow.items.get(0)).isInstanceOf(RetriesExhaustedException.class);
            assertThat(client.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(client.connectionAttempts()).isEqualTo(4);
        }
    }

    @Test
    void shouldFailWithAuthenticationExceptionWithoutRetryingWhenTheKeyIsBad() throws Exception {
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().apiKey("wrong").build()) {

            assertThatThrownBy(client::connect).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Invalid API key");
            assertThat(((AuthenticationException) catchConnect(client)).closeCode()).isEqualTo(1008);
            assertThat(client.connectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void shouldCompleteStreamsAndRefuseConnectWhenClosed() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            TickstreamClient client = gateway.client().build();
            client.connect();
            MessageStream<Tick> ticks = client.ticks().stream();

            client.close();

            assertThat(ticks.hasNext()).isFalse();
            assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
            assertThatThrownBy(client::connect).isInstanceOf(ClientClosedException.class);
            assertThat(client.subscribe(Channel.TICK, "EURUSD")).failsWithin(WAIT);
        }
    }

    private static Throwable catchConnect(TickstreamClient client) {
        try {
            client.connect();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static Tick nextWithBid(MessageStream<Tick> ticks, String bid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Tick tick = ticks.poll(Duration.ofMillis(200));
            if (tick != null && tick.bid().equals(new BigDecimal(bid))) {
                return tick;
            }
        }
        throw new AssertionError("no tick with bid " + bid + " within " + WAIT);
    }

    /**
     * Attempt 1 is the first connection; attempts 2.. are the retries after the gateway stopped,
     * each waiting a jittered delay in [cap/2, cap] with cap = 100 ms * 2^(retry-1) (at most 1.6 s).
     */
    private static void assertGrowingDelays(List<Long> attempts) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 2; i < attempts.size(); i++) {
            gaps.add(attempts.get(i) - attempts.get(i - 1));
        }
        assertThat(gaps).as("gaps between retries, ms").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < gaps.size(); i++) {
            long cap = Math.min(1600, 100L << (i + 1));
            assertThat(gaps.get(i)).as("gap %d of %s", i, gaps).isBetween(cap / 2 - 10, cap + 400);
        }
        for (int i = 1; i < Math.min(gaps.size(), 4); i++) {
            assertThat(gaps.get(i)).as("gaps grow: %s", gaps).isGreaterThanOrEqualTo(gaps.get(i - 1) - 100);
        }
    }
}
