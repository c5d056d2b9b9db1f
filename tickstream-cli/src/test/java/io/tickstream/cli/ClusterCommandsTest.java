package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.testkit.RedisCluster;
import io.tickstream.testkit.RespConnection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publishing commands on a Redis Cluster: tagged keys on the instrument's or account's shard, sharded channels. */
class ClusterCommandsTest {

    private RedisCluster cluster;

    /** Where Redis is older than 7 this says so and skips (fails under CI=true). */
    @BeforeEach
    void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void shouldPublishOnTheShardOfTheInstrumentWhenTheRedisIsACluster() throws Exception {
        String channel = "tickstream:{i:7}:md";
        try (RespConnection subscriber = cluster.connect(cluster.nodeOf(channel))) {
            subscriber.send("SSUBSCRIBE", channel);
            assertThat(subscriber.read()).isEqualTo(List.of("ssubscribe", channel, 1L));

            CliRun run = CliRun.of("publish", "--redis", cluster.uri(), "--instrument", "7", "--json",
                    "{\"Aggregate\":{\"last_price\":1.0850}}");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("published to " + channel + "\n");
            List<Object> message = List.copyOf((List<?>) subscriber.read());
            assertThat(message.subList(0, 2)).containsExactly((Object) "smessage", channel);
            assertThat((String) message.get(2)).matches("\\{\"seq\":1,\"epoch\":\"[0-9a-f]{16}\","
                    + Pattern.quote("\"Aggregate\":{\"last_price\":1.0850}}"));
        }
        assertThat(cluster.commandOn(cluster.nodeOf(channel), "HGET", "tickstream:{i:7}:state", "Aggregate.last_price"))
                .isEqualTo("1.0850");
    }

    @Test
    void shouldKeepTheAccountsHistoryOnItsShardWhenTheRedisIsACluster() {
        CliRun catalog = CliRun.of("catalog", "add", "--redis", cluster.uri(), "--id", "900", "--name", "NEWCOIN");
        CliRun event = CliRun.of("publish", "--redis", cluster.uri(), "--kind", "account", "--account", "alice",
                "--json", "{\"type\":\"balance\",\"data\":{\"balance\":1}}");

        assertThat(catalog.exitCode()).as(catalog.err()).isZero();
        assertThat(event.exitCode()).as(event.err()).isZero();
        assertThat(cluster.command("HEXISTS", "tickstream:instruments", "900")).isEqualTo("1");
        int shard = cluster.nodeOf("tickstream:{a:alice}:account");
        assertThat(cluster.commandOn(shard, "XLEN", "tickstream:{a:alice}:account:history")).isEqualTo("1");
        assertThat(cluster.commandOn(shard, "HGET", "tickstream:{a:alice}:account:stream", "seq")).isEqualTo("1");
    }
}
