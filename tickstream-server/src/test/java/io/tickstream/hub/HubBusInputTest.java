package io.tickstream.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.FrameDeflater;
import io.tickstream.NoLeaks;
import io.tickstream.bus.InProcessBus;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.json.JsonTickView;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the hub does with bus input it cannot, or must not, deliver. */
@ExtendWith(NoLeaks.class)
class HubBusInputTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");

    private final InProcessBus bus = new InProcessBus(List.of(EURUSD));
    private final JsonTickView ticks = new JsonTickView();
    private final FailingView failing = new FailingView();
    private final Hub hub = new Hub(bus, List.of(ticks, failing), PooledByteBufAllocator.DEFAULT,
            new FrameDeflater(DeflateSettings.defaults(), new DeflateMeters()));
    private final EmbeddedChannel tickClient = new EmbeddedChannel();
    private final EmbeddedChannel otherClient = new EmbeddedChannel();

    @BeforeEach
    void subscribe() {
        Connection.attach(tickClient);
        Connection.attach(otherClient);
        bus.start(hub);
        hub.subscribe(hub.outbox(tickClient, 100), EURUSD, ticks);
        hub.subscribe(hub.outbox(otherClient, 100), EURUSD, failing);
    }

    @AfterEach
    void close() {
        tickClient.finishAndReleaseAll();
        otherClient.finishAndReleaseAll();
        bus.close();
    }

    @Test
    void shouldReleaseTheFramesBuiltAndCountAnEncoderThatThrowsWithoutFailingThePublisher() throws Exception {
        failing.throwing = true;
        bus.publishMarketData(EURUSD.id(), quote(1, null, "1.0850"));

        assertThat(hub.meters().encodeFailures()).isEqualTo(1);
        assertThat(SentFrames.of(tickClient)).as("the change reached no one").isEmpty();

        failing.throwing = false;
        bus.publishMarketData(EURUSD.id(), "{\"seq\":2,\"data\":{\"Aggregate\":{\"last_price\":1.0851}}}");

        assertThat(SentFrames.of(tickClient)).as("the quote the failed change set goes out with the next change")
                .singleElement().asString().contains("\"bid\":1.0850").contains("\"ask\":1.0860");
    }

    @Test
    void shouldIgnoreAndCountUpdatesAtOrBelowTheLastSeqOfTheirEpoch() throws Exception {
        bus.publishMarketData(EURUSD.id(), quote(1_000_000_000, null, "1.0850"));
        bus.publishMarketData(EURUSD.id(), quote(1, null, "1.0851"));
        bus.publishMarketData(EURUSD.id(), quote(5, null, "1.0852"));

        assertThat(hub.meters().staleUpdates()).isEqualTo(2);
        assertThat(SentFrames.of(tickClient)).singleElement().asString().contains("\"bid\":1.0850");
    }

    @Test
    void shouldAcceptLowerSeqsOnceAPublisherStartsANewEpoch() throws Exception {
        bus.publishMarketData(EURUSD.id(), quote(1_000_000_000, null, "1.0850"));
        bus.publishMarketData(EURUSD.id(), quote(1, "restart-2", "1.0851"));
        bus.publishMarketData(EURUSD.id(), quote(2, "restart-2", "1.0852"));
        bus.publishMarketData(EURUSD.id(), quote(2, "restart-2", "1.0853"));

        List<String> sent = SentFrames.of(tickClient);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).contains("\"bid\":1.0852");
        assertThat(hub.meters().staleUpdates()).isEqualTo(1);
    }

    private static String quote(long seq, String epoch, String bid) {
        return "{\"seq\":" + seq + (epoch == null ? "" : ",\"epoch\":\"" + epoch + "\"")
                + ",\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + ",\"sell_price\":1.0860}}}}";
    }

    /** A view that throws on demand, after the tick view has built its frame. */
    private static final class FailingView implements StateView {
        volatile boolean throwing;

        @Override
        public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
            if (throwing) {
                throw new IllegalStateException("encoder bug");
            }
            return null;
        }

        @Override
        public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
            return null;
        }
    }
}
