package io.tickstream.hub;


import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.InProcessBus;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.json.JsonTickView;
import io.tickstream.transport.Connection;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.FrameDeflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The last subscriber of an instrument leaves on one loop while a new one comes on another. */
class TopicRetirementTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final GatedBus bus = new GatedBus(new InProcessBus(List.of(EURUSD)));
    private final JsonTickView ticks = new JsonTickView();
    private final Hub hub = new Hub(bus, List.of(ticks), PooledByteBufAllocator.DEFAULT,
            new FrameDeflater(DeflateSettings.defaults(), new DeflateMeters()));
    private final EmbeddedChannel leaving = new EmbeddedChannel();
    private final EmbeddedChannel coming = new EmbeddedChannel();

    @AfterEach
    void close() {
        leaving.finishAndReleaseAll();
        coming.finishAndReleaseAll();
        bus.close();
    }

    @Test
    void shouldKeepTheBusSubscribedForANewSubscriberWhileTheLastOneLeaves() throws Exception {
        Connection.attach(leaving);
        Connection.attach(coming);
        bus.start(hub);
        Subscription last = hub.subscribe(hub.outbox(leaving, 100), EURUSD, ticks);

        bus.holdNextUnsubscribe();
        Thread leave = new Thread(() -> hub.unsubscribe(last), "leaving-loop");
        leave.start();
        assertThat(bus.unsubscribing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Thread come = new Thread(() -> hub.subscribe(hub.outbox(coming, 100), EURUSD, ticks), "coming-loop");
        come.start();
        await().atMost(WAIT).until(() -> come.getState() == Thread.State.BLOCKED || !come.isAlive());
        bus.proceed.countDown();
        leave.join(WAIT.toMillis());
        come.join(WAIT.toMillis());

        bus.publisher().publishMarketData(EURUSD.id(), "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0860}}}");

        assertThat(SentFrames.of(coming)).as("the new subscriber streams").singleElement().asString().contains("\"bid\":1.0850");
    }

    /** A bus whose next market-data unsubscribe waits until the test lets it go on. */
    private static final class GatedBus extends DelegatingBus {
        final CountDownLatch unsubscribing = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        private volatile boolean hold;

        GatedBus(InProcessBus inner) {
            super(inner);
        }

        void holdNextUnsubscribe() {
            hold = true;
        }

        @Override
        public void unsubscribe(BusChannel kind, String key) {
            if (hold && kind == BusChannel.MARKET_DATA) {
                hold = false;
                unsubscribing.countDown();
                try {
                    proceed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inner.unsubscribe(kind, key);
        }
    }
}
