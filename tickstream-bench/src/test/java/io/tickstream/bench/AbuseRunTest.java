package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.bench.abuse.AttackKind;
import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the abuse scenario from rotting: short phases of two attacks against a gateway in this
 * JVM, checked for what was measured and what the attacker did, never for who won.
 */
class AbuseRunTest {

    /** Every wait in the run is bounded; this only turns a hang into a failure, far above those bounds. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldMeasureTheBystandersWithoutAndWithEachAttack() throws Exception {
        BenchOptions options = new BenchOptions(Scenario.ABUSE, Protocol.IME, 20, 4, 20, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 1, SocketTransport.EPOLL, 0, 10, 5, false, null, List.of(), null, null, false, JsonChannel.TICK);
        List<AbuseResult> reported = new ArrayList<>();

        List<AbuseResult> results = new AbuseRun(options, List.of(AttackKind.IDLE, AttackKind.PIPELINE)).run(result -> {
            System.out.println(result.summary());
            reported.add(result);
        });
        System.out.print(AbuseResult.markdown(results));

        assertThat(results).extracting(AbuseResult::attack).containsExactly("pipeline", "idle");
        assertThat(reported).isEqualTo(results);
        for (AbuseResult result : results) {
            String summary = result.summary();
            assertThat(result.baseline().expected()).as(summary).isPositive();
            assertThat(result.baseline().received()).as(summary).isPositive();
            assertThat(result.attacked().expected()).as(summary).isPositive();
            assertThat(result.attacked().received()).as(summary).isPositive();
            assertThat(result.baseline().latencyMicros().getTotalCount()).as(summary).isPositive();
            assertThat(result.attacked().latencyMicros().getTotalCount()).as(summary).isPositive();
            assertThat(result.attacker().connectionsOpened()).as(summary).isPositive();
            assertThat(result.attacker().bytesSent()).as(summary).isPositive();
            assertThat(result.healthOk() + result.healthFailed()).as(summary).isPositive();
            assertThat(result.memoryBefore()).as(summary).isPositive();
            assertThat(summary).startsWith("scenario=abuse attack=" + result.attack())
                    .contains(" baseline.p99=").contains(" attacked.p99=").contains(" health.ok=")
                    .contains(" heap(jvm) before=");
        }
        AbuseResult pipeline = results.get(0);
        assertThat(pipeline.attacker().unitsSent()).as(pipeline.summary()).isPositive();
        assertThat(pipeline.summary()).contains(" attacker.requests=");
        AbuseResult idle = results.get(1);
        assertThat(idle.attacker().connectionsOpened() + idle.attacker().refusedByServer()).as(idle.summary())
                .isEqualTo(200);
        assertThat(AbuseResult.markdown(results)).contains("| pipeline | ").contains("| idle | ");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRunTheHandshakeAttackAgainstAGatewayServingTls() throws Exception {
        BenchOptions options = new BenchOptions(Scenario.ABUSE, Protocol.IME, 20, 4, 20, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 1, SocketTransport.EPOLL, 0, 10, 5, false, null, List.of(), null, "openssl", false,
                JsonChannel.TICK);

        List<AbuseResult> results = new AbuseRun(options, List.of(AttackKind.HANDSHAKE)).run(result -> System.out.println(result.summary()));

        AbuseResult handshake = results.get(0);
        String summary = handshake.summary();
        assertThat(handshake.attack()).isEqualTo("handshake");
        assertThat(handshake.attacker().connectionsOpened()).as(summary).isGreaterThanOrEqualTo(1_900);
        assertThat(handshake.attacker().bytesSent()).as(summary).isPositive();
        assertThat(handshake.attacked().received()).as(summary).isPositive();
        assertThat(handshake.healthOk()).as(summary).isPositive();
        assertThat(handshake.healthMicros().getTotalCount()).as(summary).isEqualTo(handshake.healthOk());
        assertThat(summary).contains(" health.p99=", " attacker.handshakes=");
        assertThat(AbuseResult.markdown(results)).contains("| handshake | ");
    }

    @Test
    void shouldRefuseTheHandshakeAttackWithoutTlsAndThePlainAttacksWithIt() {
        BenchOptions plain = new BenchOptions(Scenario.ABUSE, Protocol.IME, 20, 4, 20, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 1, SocketTransport.EPOLL, 0, 10, 5, false, null, List.of(), null, null, false,
                JsonChannel.TICK);
        BenchOptions tls = new BenchOptions(Scenario.ABUSE, Protocol.IME, 20, 4, 20, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 2, 1, SocketTransport.EPOLL, 0, 10, 5, false, null, List.of(), null, "openssl", false,
                JsonChannel.TICK);

        assertThatThrownBy(() -> new AbuseRun(plain, List.of(AttackKind.HANDSHAKE))).hasMessageContaining("give --tls");
        assertThatThrownBy(() -> new AbuseRun(tls, List.of(AttackKind.ALL))).hasMessageContaining("--attack handshake only");
    }
}
