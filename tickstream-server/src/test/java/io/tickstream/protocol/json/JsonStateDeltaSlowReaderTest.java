package io.tickstream.protocol.json;

import static io.tickstream.protocol.json.StateMessages.json;
import static io.tickstream.protocol.json.StateMessages.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.NoLeaks;
import io.tickstream.bus.InProcessBus;
import io.tickstream.hub.Hub;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.transport.Connection;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.FrameDeflater;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delta subscriber whose socket stops taking frames while the instrument keeps changing: what it
 * gets must still apply, delta after delta, to the gateway's state.
 */
@ExtendWith(NoLeaks.class)
class JsonStateDeltaSlowReaderTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final int WRITABILITY_BIT = 1;

    private final InProcessBus bus = new InProcessBus(List.of(EURUSD));
    private final JsonViews views = new JsonViews();
    private final Hub hub = new Hub(bus, views.all(), PooledByteBufAllocator.DEFAULT,
            new FrameDeflater(DeflateSettings.defaults(), new DeflateMeters()));
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<Map<String, Object>> received = new ArrayList<>();
    private SessionOutbox outbox;
    private int price = 10_000;

    @BeforeEach
    void subscribe() {
        Connection.attach(channel);
        bus.start(hub);
        change();
        outbox = hub.outbox(channel, 100);
        hub.subscribe(outbox, EURUSD, views.stateDelta);
    }

    @AfterEach
    void close() {
        outbox.discard();
        channel.finishAndReleaseAll();
        bus.close();
    }

    @Test
    void shouldSendTheFullStateAtTheLatestVersionInsteadOfDeltasWhenTheSocketWasNotWritable() {
        change();
        deliver();
        assertThat(received).extracting(m -> m.containsKey("delta")).containsExactly(false, true);

        writable(false);
        change();
        deliver();
        change();
        deliver();
        change();
        change();
        change();
        deliver();
        writable(true);

        Map<String, Object> last = received.get(received.size() - 1);
        assertThat(received).hasSize(3);
        assertThat(last).containsKey("data").doesNotContainKey("delta");
        assertThat(last.get("seq")).hasToString("7");
        change();
        deliver();
        assertThat(received.get(received.size() - 1)).containsKey("delta");
        assertThat(received.get(received.size() - 1).get("seq")).hasToString("8");
        assertAppliesToTheGatewaysState();
        assertThat(hub.outboxMeters().deltaFallbacks()).isEqualTo(2);
    }

    @Test
    void shouldNeverSendADeltaOnAVersionTheReaderDidNotSeeWhateverTheBurstsAndStalls() {
        Random random = new Random(7);
        for (int step = 0; step < 400; step++) {
            switch (random.nextInt(4)) {
                case 0 -> writable(random.nextBoolean());
                case 1 -> deliver();
                default -> change();
            }
        }
        writable(true);
        deliver();
        assertAppliesToTheGatewaysState();
        assertThat(hub.outboxMeters().deltaFallbacks()).isPositive();
    }

    /**
     * Applies what arrived in order: a full state is the new base, and a delta must be based on the
     * version just before its own (the versions count every change here), never on one skipped.
     */
    private void assertAppliesToTheGatewaysState() {
        Map<String, Object> base = null;
        long version = 0;
        for (Map<String, Object> message : received) {
            long seq = Long.parseLong(message.get("seq").toString());
            if (message.containsKey("delta")) {
                assertThat(base).as("a delta before any full state").isNotNull();
                assertThat(seq).as("the version of a delta after version %d", version).isEqualTo(version + 1);
            }
            base = StateMessages.apply(base, message);
            version = seq;
        }
        InstrumentState current = hub.currentState(EURUSD).toCompletableFuture().join();
        assertThat(version).isEqualTo(current.version());
        assertThat(base).isEqualTo(json(payload(views.state.encodeSnapshot(current, PooledByteBufAllocator.DEFAULT))).get("data"));
    }

    /** One change of the instrument: a new last price, and every third time a new bid. */
    private void change() {
        price++;
        String bid = price % 3 == 0 ? ",\"BestLimit\":{\"1\":{\"buy_price\":" + (price - 5) + "}}" : "";
        try {
            bus.publisher().publishMarketData(EURUSD.id(), "{\"Aggregate\":{\"last_price\":" + price + "}" + bid + "}");
        } catch (MalformedUpdateException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the loop's pending deliveries, and reads what reached the socket. */
    private void deliver() {
        channel.runPendingTasks();
        for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            received.add(json(payload(frame)));
        }
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(WRITABILITY_BIT, writable);
        channel.runPendingTasks();
        if (writable) {
            outbox.onWritabilityChanged();
        }
        deliver();
    }
}
