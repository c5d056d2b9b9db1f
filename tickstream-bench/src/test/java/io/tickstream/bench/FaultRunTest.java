package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.bench.fault.FaultSettings;
import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import io.tickstream.testkit.RedisCluster;
import io.tickstream.testkit.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the fault scenario from rotting and the gateway's delivery guarantee honest: a short run
 * against a real redis-server, and one against a real three-master Redis Cluster, three kills each of
 * the gateway's pub/sub connections, checked for loss and duplicates, never for speed.
 */
class FaultRunTest {

    private static BenchOptions options(String redisUri) {
        return new BenchOptions(Scenario.FAULT, Protocol.JSON, 12, 3, 6, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(4), 2, 1, SocketTransport.EPOLL, 0, 10, 5, false, redisUri, List.of(), null, null, false, JsonChannel.TICK);
    }

    /** Every wait in the run is bounded; this only turns a hang into a failure, far above those bounds. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldLoseAndDuplicateNothingWhenThePubSubConnectionIsKilled() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            assertDeliveredOnceDespiteTheKills(run(redis.uri()));
        }
    }

    /** The same on a three-master cluster: every master's pub/sub connections killed, sharded channels. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldLoseAndDuplicateNothingWhenThePubSubConnectionsOfEveryMasterAreKilled() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            assertDeliveredOnceDespiteTheKills(run(cluster.uri()));
        }
    }

    private static FaultResult run(String redisUri) throws Exception {
        return new FaultRun(options(redisUri), new FaultSettings(Duration.ofMillis(1200), 40)).run();
    }

    private static void assertDeliveredOnceDespiteTheKills(FaultResult result) {
        String summary = result.summary();
        System.out.println(summary);

        assertThat(result.kills()).as(summary).isGreaterThanOrEqualTo(1);
        assertThat(result.trades()).as(summary).isPositive();
        assertThat(result.accountEvents()).as(summary).isPositive();
        assertThat(result.audit().expected()).as(summary).isPositive();
        assertThat(result.lost()).as(summary).isZero();
        assertThat(result.duplicated()).as(summary).isZero();
        assertThat(result.audit().outOfOrder()).as(summary).isZero();
        assertThat(result.unexpected()).as(summary).isZero();
        assertThat(result.gaps()).as(summary).isZero();
        assertThat(result.received()).as(summary).isEqualTo(result.audit().expected());
        assertThat(result.latencyMicros().getTotalCount()).as(summary).isPositive();
        assertThat(summary).startsWith("scenario=fault ").contains(" lost=0 duplicated=0 ")
                .contains(" recovery.p99=").doesNotContain("lostBy=");
    }

    @Test
    void shouldRefuseToRunWhenNoRedisIsGiven() {
        assertThatThrownBy(() -> options(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--redis");
    }
}
