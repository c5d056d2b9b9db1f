package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.message.Fill;
import io.tickstream.client.message.Trade;
import io.tickstream.testkit.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A client built with the URIs of two nodes on one bus: it leaves a node that dies or drains for the other. */
class FailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int TOTAL = 300;
    private static final int KILLED_AFTER = 100;

    @Test
    void shouldMoveToTheOtherNodeAndDeliverEveryFillOnceWhenANodeDiesWhilePublishing() throws Exception {
        LifeRecorder life = new LifeRecorder();
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try (TestDeployment deployment = TestDeployment.start(2);
             TickstreamClient client = deployment.client().maxRetries(50).listener(life).build()) {
            client.connect();
            URI first = client.currentUri();
            URI second = deployment.node(1).uri();
            assertThat(first).as("the first URI is tried first").isEqualTo(deployment.node(0).uri());
            MessageStream<Fill> fills = client.feed(Channel.FILLS).stream();
            MessageStream<Trade> trades = client.trades("EURUSD").stream();
            client.subscribe(Channel.TRADES, "EURUSD").get(5, TimeUnit.SECONDS);

            CountDownLatch killNow = new CountDownLatch(1);
            Future<?> publishing = publisher.submit(() -> {
                for (int n = 1; n <= TOTAL; n++) {
                    publish(deployment, n);
                    if (n == KILLED_AFTER) {
                        killNow.countDown();
                    }
                    Thread.sleep(1);
                }
                return null;
            });
            assertThat(killNow.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%d fills published", KILLED_AFTER).isTrue();
            deployment.node(first).stop();
            publishing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            List<Integer> expected = IntStream.rangeClosed(1, TOTAL).boxed().toList();
            assertThat(take(fills, TOTAL).stream().map(FailoverTest::number).toList()).isEqualTo(expected);
            assertThat(take(trades, TOTAL).stream().map(trade -> trade.quantity().intValueExact()).toList())
                    .isEqualTo(expected);
            publish(deployment, TOTAL + 1);
            assertThat(number(fills.poll(WAIT))).as("the fill after the last: none came twice").isEqualTo(TOTAL + 1);
            assertThat(trades.poll(WAIT).quantity().intValueExact()).as("the trade after the last").isEqualTo(TOTAL + 1);
            assertThat(client.currentUri()).isEqualTo(second);
            assertThat(client.isConnected()).isTrue();
            assertThat(life.moves).containsExactly(new LifeRecorder.Move(first, second));
            fills.close();
            trades.close();
        } finally {
            publisher.shutdownNow();
        }
    }

    @Test
    void shouldConnectToTheSecondNodeWithoutRetryingTheFirstWhenTheFirstIsDeadFromTheStart() throws Exception {
        LifeRecorder life = new LifeRecorder();
        URI dead = URI.create("ws://127.0.0.1:" + FreePorts.find() + "/");
        try (TestGateway live = TestGateway.start();
             TickstreamClient client = live.client().uris(dead, live.uri()).maxRetries(1).listener(life).build()) {

            client.connect();

            assertThat(client.currentUri()).isEqualTo(live.uri());
            assertThat(client.connectionAttempts()).as("one on the dead node, then the live one").isEqualTo(2);
            assertThat(life.errors(ConnectionLostException.class)).singleElement()
                    .satisfies(lost -> assertThat(lost.getMessage()).contains(dead.toString()));
            assertThat(life.moves).as("a first connection is no move").isEmpty();
        }
    }

    @Test
    void shouldMoveToTheOtherNodeAtOnceWhenItsNodeDrains() throws Exception {
        LifeRecorder life = new LifeRecorder();
        try (TestDeployment deployment = TestDeployment.start(2);
             TickstreamClient client = deployment.client().listener(life).build()) {
            client.connect();
            MessageStream<Trade> trades = client.trades("EURUSD").stream();
            client.subscribe(Channel.TRADES, "EURUSD").get(5, TimeUnit.SECONDS);
            URI second = deployment.node(1).uri();

            deployment.node(0).gateway().drain(Duration.ofMillis(100)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> client.isConnected() && client.currentUri().equals(second));

            deployment.trade(EURUSD, "{\"price\":1.0851,\"quantity\":7,\"side\":\"buy\"}");
            assertThat(trades.poll(WAIT).quantity().intValueExact()).isEqualTo(7);
            assertThat(life.errors(ConnectionLostException.class).get(0).getMessage()).contains("1012");
            assertThat(client.connectionAttempts()).as("no attempt back to the draining node").isEqualTo(2);
            assertThat(life.moves).containsExactly(new LifeRecorder.Move(deployment.node(0).uri(), second));
            trades.close();
        }
    }

    private static void publish(TestDeployment deployment, int n) {
        deployment.accountEvent("{\"type\":\"trade\",\"data\":{\"tradeId\":\"f-" + n + "\",\"symbol\":\"EURUSD\","
                + "\"side\":\"buy\",\"price\":1.0851,\"quantity\":1}}");
        deployment.trade(EURUSD, "{\"price\":1.0851,\"quantity\":" + n + ",\"side\":\"buy\"}");
    }

    private static int number(Fill fill) {
        assertThat(fill).as("a fill within " + WAIT).isNotNull();
        return Integer.parseInt(fill.tradeId().substring(2));
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
