package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection whose memory cannot be allocated is closed, alone, and counted. */
class AllocationFailureTest {

    private final TransportMeters meters = new TransportMeters();

    @Test
    void shouldCloseAWebSocketConnectionWhoseBufferCannotBeAllocated() {
        IdleSession session = new IdleSession();
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection.attach(channel);
        channel.pipeline().addLast(new WebSocketConnection(session, meters));

        channel.pipeline().fireExceptionCaught(new OutOfMemoryError("Cannot reserve 65536 bytes of direct buffer memory"));

        channel.runPendingTasks();
        assertThat(channel.isActive()).isFalse();
        assertThat(meters.allocationFailures()).isEqualTo(1);
    }

    @Test
    void shouldCloseAnHttpConnectionWhoseBufferCannotBeAllocatedWithoutWritingAnAnswer() {
        HttpRouter router = new HttpRouter(List.of(), HttpRoutes.builder().build(),
                new WebSocketUpgrade(64 * 1024, Duration.ofSeconds(20), meters, DeflateSettings.off(), new DeflateMeters()), meters);
        EmbeddedChannel channel = new EmbeddedChannel(router);

        channel.pipeline().fireExceptionCaught(new OutOfMemoryError("Cannot reserve 65536 bytes of direct buffer memory"));

        assertThat(channel.isActive()).isFalse();
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(meters.allocationFailures()).isEqualTo(1);
    }

    private static final class IdleSession implements WebSocketSession {

        @Override
        public boolean admitFrame() {
            return true;
        }

        @Override
        public void onText(String text) {
        }

        @Override
        public void onWritabilityChanged() {
        }

        @Override
        public void onClosed() {
        }
    }
}
