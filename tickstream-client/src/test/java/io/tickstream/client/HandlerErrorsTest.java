package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.message.Tick;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlerErrorsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void shouldReportAThrowingHandlerAndKeepDeliveringWhenAHandlerThrows() throws Exception {
        LifeRecorder life = new LifeRecorder();
        List<Tick> seenByThrower = new CopyOnWriteArrayList<>();
        List<Tick> seenByOther = new CopyOnWriteArrayList<>();
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().listener(life).build()) {
            client.addMessageHandler(Channel.TICK, tick -> {
                seenByThrower.add(tick);
                if (seenByThrower.size() == 1) {
                    throw new IllegalStateException("boom in a handler");
                }
            });
            client.addMessageHandler(Channel.TICK, seenByOther::add);
            client.connect();
            MessageStream<Tick> stream = client.ticks("EURUSD").stream();
            client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);

            gateway.quote(EURUSD, "1.1", "1.2");
            gateway.quote(EURUSD, "1.3", "1.4");
            gateway.quote(EURUSD, "1.5", "1.6");

            await().atMost(WAIT).until(() -> seenByOther.size() == 3 && seenByThrower.size() == 3);
            List<HandlerException> reported = life.errors(HandlerException.class);
            assertThat(reported).hasSize(1);
            assertThat(reported.get(0)).hasMessageContaining("tick").hasCauseInstanceOf(IllegalStateException.class);
            assertThat(reported.get(0).failedMessage()).isEqualTo(seenByThrower.get(0));
            assertThat(List.of(stream.next().bid(), stream.next().bid(), stream.next().bid()))
                    .containsExactly(new BigDecimal("1.1"), new BigDecimal("1.3"), new BigDecimal("1.5"));
            assertThat(client.isConnected()).isTrue();
            stream.close();
        }
    }

    @Test
    void shouldReportAThrowingFlowSubscriberAndKeepItSubscribedWhenItThrows() throws Exception {
        LifeRecorder life = new LifeRecorder();
        List<Tick> received = new CopyOnWriteArrayList<>();
        try (TestGateway gateway = TestGateway.start();
             TickstreamClient client = gateway.client().listener(life).build()) {
            client.connect();
            client.ticks("EURUSD").subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Tick item) {
                    received.add(item);
                    if (received.size() == 1) {
                        throw new IllegalArgumentException("boom in a subscriber");
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);

            gateway.quote(EURUSD, "2.1", "2.2");
            gateway.quote(EURUSD, "2.3", "2.4");

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(life.errors(HandlerException.class)).singleElement()
                    .satisfies(e -> assertThat(e).hasCauseInstanceOf(IllegalArgumentException.class));
        }
    }
}
