package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@code --gateway-transport}: for a spawned gateway only, and named in the summary only when given. */
class GatewayTransportOptionTest {

    private static BenchOptions idle(boolean spawn, SocketTransport transport) {
        return new BenchOptions(Scenario.IDLE, Protocol.IME, 1, 1, 1, 1, Duration.ZERO, Duration.ZERO, 1, 1,
                SocketTransport.EPOLL, 0, 1, 0,
                spawn, null, List.of(), transport, null, false, JsonChannel.TICK);
    }

    private static String summary(BenchOptions options) {
        return new BenchResult(options, 1, 1, -1, 0, 0, new Histogram(3), 0, 0, -1, 0, 0, 0, "rss", 0, 0, null).summary();
    }

    @Test
    void shouldNameTheTransportInTheSummaryOnlyWhenGiven() {
        assertThat(summary(idle(true, SocketTransport.IO_URING))).contains(" transport=io_uring ");
        assertThat(summary(idle(true, null))).doesNotContain("transport=");
    }

    @Test
    void shouldRefuseATransportForAGatewayInThisJvm() {
        assertThatThrownBy(() -> idle(false, SocketTransport.NIO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--spawn-gateway");
    }
}
