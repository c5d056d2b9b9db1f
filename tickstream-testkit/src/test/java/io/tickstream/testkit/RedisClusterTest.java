package io.tickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisClusterTest {

    private static final String SAFFRON = "زعفران";

    @Test
    void shouldNameEveryMasterInItsUriWhenStarted() {
        try (RedisCluster cluster = RedisCluster.start()) {
            List<Integer> ports = cluster.ports();

            assertThat(ports).hasSize(3).doesNotHaveDuplicates();
            assertThat(cluster.uri()).isEqualTo("redis-cluster://127.0.0.1:" + ports.get(0)
                    + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2));
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.nodeUri(node)).isEqualTo("redis://127.0.0.1:" + ports.get(node));
                assertThat(cluster.commandOn(node, "CLUSTER", "INFO"))
                        .contains("cluster_state:ok", "cluster_known_nodes:3", "cluster_size:3");
            }
        }
    }

    @Test
    void shouldServeEveryKeyFromTheMasterThatOwnsItsSlot() {
        try (RedisCluster cluster = RedisCluster.start()) {
            List<String> keys = keysOnEveryMaster(cluster);

            for (String key : keys) {
                assertThat(cluster.command("SET", key, SAFFRON + key)).isEqualTo("OK");
            }

            for (String key : keys) {
                int owner = cluster.nodeOf(key);
                assertThat(cluster.command("CLUSTER", "KEYSLOT", key)).isEqualTo(Integer.toString(cluster.slotOf(key)));
                assertThat(cluster.command("GET", key)).isEqualTo(SAFFRON + key);
                assertThat(cluster.commandOn(owner, "GET", key)).isEqualTo(SAFFRON + key);
                assertThatThrownBy(() -> cluster.commandOn((owner + 1) % 3, "GET", key))
                        .isInstanceOf(RespException.class)
                        .hasMessageStartingWith("MOVED " + cluster.slotOf(key) + " 127.0.0.1:" + cluster.ports().get(owner));
            }
        }
    }

    @Test
    void shouldKeepKeysWithTheSameHashTagOnOneMaster() {
        try (RedisCluster cluster = RedisCluster.start()) {
            cluster.command("SET", "{instrument:42}:quote", "1.5");
            cluster.command("SET", "{instrument:42}:trade", "1.25");

            assertThat(cluster.nodeOf("{instrument:42}:quote")).isEqualTo(cluster.nodeOf("{instrument:42}:trade"));
            assertThat(cluster.commandList("MGET", "{instrument:42}:quote", "{instrument:42}:trade"))
                    .containsExactly("1.5", "1.25");
        }
    }

    @Test
    void shouldDeliverShardedMessagesWhenSubscribedOnTheOwningNode() throws IOException {
        try (RedisCluster cluster = RedisCluster.start()) {
            String channel = channelNotOnTheFirstMaster(cluster);
            int owner = cluster.nodeOf(channel);

            try (RespConnection subscriber = cluster.connect(owner)) {
                assertThat(subscriber.call("SSUBSCRIBE", channel)).isEqualTo(List.of("ssubscribe", channel, 1L));

                assertThat(cluster.commandListOn(owner, "PUBSUB", "SHARDNUMSUB", channel)).containsExactly(channel, "1");
                assertThat(cluster.command("SPUBLISH", channel, SAFFRON)).isEqualTo("1");
                assertThat(subscriber.read()).isEqualTo(List.of("smessage", channel, SAFFRON));
            }
        }
    }

    @Test
    void shouldComeBackWithItsSlotsAndDataWhenAMasterIsRestarted() {
        try (RedisCluster cluster = RedisCluster.start()) {
            List<String> keys = keysOnEveryMaster(cluster);
            keys.forEach(key -> cluster.command("SET", key, SAFFRON + key));
            String id = cluster.commandOn(1, "CLUSTER", "MYID");
            int port = cluster.ports().get(1);

            cluster.kill(1);

            assertThat(cluster.isRunning(1)).isFalse();
            assertThatThrownBy(() -> cluster.commandOn(1, "PING")).hasRootCauseInstanceOf(ConnectException.class);

            cluster.restart(1);

            assertThat(cluster.isRunning(1)).isTrue();
            assertThat(cluster.ports().get(1)).isEqualTo(port);
            assertThat(cluster.commandOn(1, "CLUSTER", "MYID")).isEqualTo(id);
            assertThat(myselfLine(cluster, 1)).endsWith(" 5461-10922");
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.commandOn(node, "CLUSTER", "INFO")).contains("cluster_state:ok");
            }
            for (String key : keys) {
                assertThat(cluster.command("GET", key)).isEqualTo(SAFFRON + key);
            }
            assertThat(cluster.command("SET", "after-restart", "yes")).isEqualTo("OK");
            assertThat(cluster.command("GET", "after-restart")).isEqualTo("yes");
        }
    }

    @Test
    void shouldRouteCommandsWhenTheFirstMasterIsDown() {
        try (RedisCluster cluster = RedisCluster.start()) {
            String key = keysOnEveryMaster(cluster).stream().filter(k -> cluster.nodeOf(k) == 2).findFirst().orElseThrow();
            cluster.command("SET", key, SAFFRON);

            cluster.kill(0);

            assertThat(cluster.isRunning(0)).isFalse();
            assertThat(cluster.commandOn(2, "GET", key)).isEqualTo(SAFFRON);
            cluster.restart(0);
            assertThat(cluster.command("GET", key)).isEqualTo(SAFFRON);
        }
    }

    private static List<String> keysOnEveryMaster(RedisCluster cluster) {
        List<String> keys = new ArrayList<>();
        Set<Integer> owners = new HashSet<>();
        for (int n = 0; owners.size() < 3; n++) {
            String key = "quote:{" + n + "}";
            keys.add(key);
            owners.add(cluster.nodeOf(key));
        }
        return keys;
    }

    private static String channelNotOnTheFirstMaster(RedisCluster cluster) {
        for (int n = 0; ; n++) {
            String channel = "tickstream:" + SAFFRON + ":" + n;
            if (cluster.nodeOf(channel) != 0) {
                return channel;
            }
        }
    }

    private static String myselfLine(RedisCluster cluster, int node) {
        return cluster.commandOn(node, "CLUSTER", "NODES").lines()
                .filter(line -> line.contains("myself")).findFirst().orElseThrow();
    }
}
