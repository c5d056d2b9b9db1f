package io.tickstream.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.FrameDeflater;
import io.tickstream.NoLeaks;
import io.tickstream.transport.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox of one connection while its socket is writable, then not, then writable again. */
@ExtendWith(NoLeaks.class)
class SessionOutboxTest {

    private static final int WRITABILITY_BIT = 1;

    private int flushes;
    private final EmbeddedChannel channel = connected(new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }));
    private final OutboxMeters meters = new OutboxMeters();
    private final SessionOutbox outbox = new SessionOutbox(channel, meters, 3, new FrameDeflater(DeflateSettings.defaults(), new DeflateMeters()));
    private final Subscription quotes = new Subscription(outbox, null, 0, true, 0, false);
    private final Subscription book = new Subscription(outbox, null, 1, true, 0, false);

    @AfterEach
    void releaseWhatIsLeft() {
        outbox.discard();
        drain();
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldWriteStraightThroughWhileTheSocketIsWritable() {
        outbox.offerConflatable(quotes, frame("q1"));
        outbox.offerOrdered(frame("t1"));
        outbox.flush();
        channel.runPendingTasks();

        assertThat(drain()).containsExactly("q1", "t1");
    }

    @Test
    void shouldKeepOnlyTheNewestStatePerSubscriptionWhileUnwritable() {
        writable(false);
        outbox.offerConflatable(quotes, frame("q1"));
        outbox.offerConflatable(book, frame("b1"));
        outbox.offerConflatable(quotes, frame("q2"));
        outbox.offerConflatable(quotes, frame("q3"));
        assertThat(drain()).isEmpty();

        writable(true);

        assertThat(drain()).containsExactly("b1", "q3");
        assertThat(meters.conflatedFrames()).isEqualTo(2);
    }

    @Test
    void shouldKeepOrderedFramesInBusOrderBehindAConflatedState() {
        writable(false);
        outbox.offerConflatable(quotes, frame("q1"));
        outbox.offerOrdered(frame("t1"));
        outbox.offerConflatable(quotes, frame("q2"));
        outbox.offerOrdered(frame("t2"));
        outbox.offerOrdered(frame("t3"));

        writable(true);

        assertThat(drain()).containsExactly("t1", "q2", "t2", "t3");
    }

    @Test
    void shouldCloseWith1013WhenMoreOrderedFramesWaitThanTheBound() {
        writable(false);
        for (int i = 1; i <= 4; i++) {
            outbox.offerOrdered(frame("t" + i));
        }

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1013);
        assertThat(close.reasonText()).isEqualTo("slow consumer");
        close.release();
        assertThat(meters.slowConsumerDisconnects()).isEqualTo(1);

        ByteBuf after = frame("after");
        outbox.offerOrdered(after);
        assertThat(after.refCnt()).as("a frame for a closed outbox is released at once").isZero();
    }

    @Test
    void shouldNotCountConflatedStatesAgainstTheBound() {
        writable(false);
        for (int i = 0; i < 100; i++) {
            outbox.offerConflatable(quotes, frame("q" + i));
        }
        outbox.offerOrdered(frame("t1"));
        outbox.offerOrdered(frame("t2"));
        outbox.offerOrdered(frame("t3"));

        writable(true);

        assertThat(drain()).containsExactly("q99", "t1", "t2", "t3");
        assertThat(meters.slowConsumerDisconnects()).isZero();
    }

    @Test
    void shouldFlushOnceAtTheEndOfTheEventLoopsBatchNotAtEachRequest() {
        int before = flushes;
        outbox.offerOrdered(frame("t1"));
        outbox.flush();
        outbox.flush();
        assertThat(drain()).as("nothing is flushed before the batch ends").isEmpty();

        channel.runPendingTasks();

        assertThat(drain()).containsExactly("t1");
        assertThat(flushes - before).isEqualTo(1);
    }

    @Test
    void shouldReleasePendingFramesWhenTheConnectionIsGone() {
        writable(false);
        ByteBuf state = frame("q1");
        ByteBuf trade = frame("t1");
        outbox.offerConflatable(quotes, state);
        outbox.offerOrdered(trade);

        outbox.discard();

        assertThat(state.refCnt()).isZero();
        assertThat(trade.refCnt()).isZero();
    }

    private static EmbeddedChannel connected(EmbeddedChannel channel) {
        Connection.attach(channel);
        return channel;
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(WRITABILITY_BIT, writable);
        channel.runPendingTasks();
        if (writable) {
            outbox.onWritabilityChanged();
            channel.runPendingTasks();
        }
    }

    private static ByteBuf frame(String text) {
        return Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What reached the socket, in order; releases it. */
    private List<String> drain() {
        List<String> out = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            if (message instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            }
        }
        return out;
    }
}
