package io.tickstream.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.NoLeaks;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamHistory;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.Connection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One loop's delivery of a message to its subscribers when one of them fails. */
@ExtendWith(NoLeaks.class)
class LoopFanoutTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");

    private final HubMeters meters = new HubMeters(() -> 1, () -> 0);
    private final FailingSnapshots view = new FailingSnapshots();
    private final InstrumentTopic topic = new InstrumentTopic(EURUSD, List.of(view), PooledByteBufAllocator.DEFAULT, null,
            new NoInterest(), meters, (epoch, afterSeq) -> CompletableFuture.<StreamHistory>completedFuture(null),
            new RecoveryMeters().trades(), 10, new NoEvents());
    private final EmbeddedChannel slowDeltaClient = new EmbeddedChannel();
    private final EmbeddedChannel otherClient = new EmbeddedChannel();

    @AfterEach
    void close() {
        slowDeltaClient.finishAndReleaseAll();
        otherClient.finishAndReleaseAll();
    }

    @Test
    void shouldStillDeliverToTheOtherSubscribersOfTheLoopWhenOneSubscribersDeliveryThrows() {
        Connection.attach(slowDeltaClient);
        Connection.attach(otherClient);
        SessionOutbox slow = new SessionOutbox(slowDeltaClient, new OutboxMeters(), 100, null);
        SessionOutbox other = new SessionOutbox(otherClient, new OutboxMeters(), 100, null);
        slowDeltaClient.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        slowDeltaClient.write(Unpooled.wrappedBuffer(new byte[16]));
        assertThat(slowDeltaClient.isWritable()).as("a client that does not read").isFalse();

        Subscription failing = new Subscription(slow, topic, 0, true, 0, false);
        failing.rebaseDeltasOn(topic, view);
        LoopFanout fanout = new LoopFanout(slowDeltaClient.eventLoop(), meters);
        fanout.add(failing);
        fanout.add(new Subscription(other, topic, 0, true, 0, false));

        fanout.dispatch(new ByteBuf[] {text("delta 1")}, 1, Sequenced.NONE, System.nanoTime());
        fanout.dispatch(new ByteBuf[] {text("delta 2")}, 2, Sequenced.NONE, System.nanoTime());
        slowDeltaClient.runPendingTasks();

        assertThat(SentFrames.of(otherClient)).containsExactly("delta 1", "delta 2");
        assertThat(meters.deliveryFailures()).as("the slow client's full state in place of delta 2 failed").isEqualTo(1);
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** A delta view whose full state, sent to a slow reader in place of a delta, cannot be encoded. */
    private static final class FailingSnapshots implements StateView {
        @Override
        public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
            return null;
        }

        @Override
        public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
            throw new IllegalStateException("cannot encode the full state");
        }

        @Override
        public boolean incremental() {
            return true;
        }
    }

    private static final class NoInterest implements Topic.BusInterest {
        @Override
        public void acquire(Topic topic) {
        }

        @Override
        public void release(Topic topic) {
        }
    }

    private static final class NoEvents implements StreamEvents {
        @Override
        public void gapped() {
        }

        @Override
        public void encodeFailed(EncodingException failure) {
        }
    }
}
