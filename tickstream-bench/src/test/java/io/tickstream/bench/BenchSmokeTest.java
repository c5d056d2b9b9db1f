package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Keeps the load generator from rotting: small runs of each scenario, checked for loss, not for speed. */
class BenchSmokeTest {

    private static BenchOptions options(Scenario scenario, Protocol protocol, int connections) {
        return options(scenario, protocol, connections, null);
    }

    private static BenchOptions options(Scenario scenario, Protocol protocol, int connections, String tls) {
        return options(scenario, protocol, connections, tls, false, JsonChannel.TICK);
    }

    private static BenchOptions options(Scenario scenario, Protocol protocol, int connections, String tls,
                                        boolean deflate, JsonChannel channel) {
        return options(scenario, protocol, connections, SocketTransport.EPOLL, tls, deflate, channel);
    }

    private static BenchOptions options(Scenario scenario, Protocol protocol, int connections, SocketTransport client,
                                        String tls, boolean deflate, JsonChannel channel) {
        return new BenchOptions(scenario, protocol, connections, 4, 20, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 1, client, 0.1, 10, 5, false, null, List.of(), null, tls, deflate, channel);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void shouldDeliverEveryPublishedUpdateToEverySubscriberWhenFanningOut(Protocol protocol) throws Exception {
        BenchResult result = new Bench(options(Scenario.FANOUT, protocol, 50)).run();
        assertThat(result.connected()).isEqualTo(50);
        assertThat(result.expected()).isPositive();
        assertThat(result.received()).as(result.summary()).isEqualTo(result.expected());
        assertThat(result.closedByServer()).isZero();
        assertThat(result.latencyMicros().getTotalCount()).isPositive();
        assertThat(result.summary()).contains("lost=0").contains("p99=");
    }

    @ParameterizedTest
    @EnumSource(value = SocketTransport.class, names = {"IO_URING", "NIO"})
    void shouldDeliverEveryPublishedUpdateWithTheGeneratorOnAnotherTransport(SocketTransport client) throws Exception {
        BenchResult result = new Bench(options(Scenario.FANOUT, Protocol.IME, 20, client, null, true, JsonChannel.TICK)).run();
        assertThat(result.received()).as(result.summary()).isEqualTo(result.expected()).isPositive();
        assertThat(result.summary()).contains(" clientTransport=" + client.configName() + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void shouldDeliverEveryPublishedUpdateOverTls(String engine) throws Exception {
        BenchResult result = new Bench(options(Scenario.FANOUT, Protocol.IME, 20, engine)).run();
        assertThat(result.received()).as(result.summary()).isEqualTo(result.expected()).isPositive();
        assertThat(result.summary()).contains("tls=" + engine).contains("handshakes/s=");
    }

    @Test
    void shouldDeliverEveryStateInFewerWireBytesWhenTheClientsOfferDeflate() throws Exception {
        BenchResult plain = new Bench(options(Scenario.FANOUT, Protocol.JSON, 20, null, false, JsonChannel.STATE)).run();
        BenchResult deflated = new Bench(options(Scenario.FANOUT, Protocol.JSON, 20, null, true, JsonChannel.STATE)).run();
        for (BenchResult result : List.of(plain, deflated)) {
            assertThat(result.received()).as(result.summary()).isEqualTo(result.expected()).isPositive();
        }
        assertThat(deflated.summary()).contains("deflate=offered").contains("protocol=json/state");
        double plainBytes = (double) plain.wireBytes() / plain.received();
        double deflatedBytes = (double) deflated.wireBytes() / deflated.received();
        assertThat(deflatedBytes).as("%s%n%s", plain.summary(), deflated.summary()).isLessThan(plainBytes * 0.7);
    }

    @Test
    void shouldKeepTheNormalClientsWholeWhenSomeReadSlowly() throws Exception {
        BenchResult result = new Bench(options(Scenario.SLOW, Protocol.IME, 50)).run();
        assertThat(result.received()).as(result.summary()).isEqualTo(result.expected());
        assertThat(result.summary()).contains("slowClientsReceived=");
    }

    @Test
    void shouldKeepStreamingWhileClientsComeAndGo() throws Exception {
        BenchResult result = new Bench(options(Scenario.CHURN, Protocol.JSON, 30)).run();
        assertThat(result.extra()).as(result.summary()).isPositive();
        assertThat(result.received()).isPositive();
        assertThat(result.connected()).isEqualTo(30);
    }

    @Test
    void shouldHoldIdleConnectionsAndReportTheirMemory() throws Exception {
        BenchResult result = new Bench(options(Scenario.IDLE, Protocol.COMPACT, 40)).run();
        assertThat(result.connected()).isEqualTo(40);
        assertThat(result.summary()).contains("perConnection=");
    }
}
