package io.tickstream.alert;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RedisCluster;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts on the 3-master test cluster: the firing script runs on the account's shard, once per firing. */
class AlertsOverClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ChannelNames NAMES = ChannelNames.defaults().clustered();
    private RedisCluster cluster;
    private RedisBus publisher;
    private final List<RedisBus> buses = new ArrayList<>();
    private final List<GatewayFixture> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = RedisCluster.start();
        for (Instrument instrument : GatewayFixture.CATALOG) {
            cluster.command("HSET", NAMES.catalogKey(), instrument.id(), InstrumentJson.write(instrument));
        }
        publisher = RedisBus.connect(cluster.uri(), ChannelNames.defaults());
    }

    @AfterEach
    void stop() {
        nodes.forEach(GatewayFixture::close);
        buses.forEach(RedisBus::close);
        publisher.close();
        cluster.close();
    }

    private GatewayFixture node() throws InterruptedException {
        RedisBus bus = RedisBus.connect(cluster.uri(), ChannelNames.defaults());
        buses.add(bus);
        GatewayFixture node = GatewayFixture.start(GatewayFixture.config().build(), bus);
        nodes.add(node);
        return node;
    }

    private static WebSocketRecorder alice(GatewayFixture node) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(client.nextText()).contains("\"success\":true");
        return client;
    }

    private void bid(String bid) throws Exception {
        publisher.publisher().publishMarketData("1", "{\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + "}}}}")
                .toCompletableFuture().get();
    }

    @Test
    void twoNodesOnAClusterPublishOneFiringOnceToSessionsOnBoth() throws Exception {
        GatewayFixture a = node();
        GatewayFixture b = node();
        WebSocketRecorder onA = alice(a);
        WebSocketRecorder onB = alice(b);
        bid("1.0850");
        onB.sendText("{\"type\":\"alert_create\",\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":"
                + "\"crosses_above\",\"price\":\"1.0900\",\"clientId\":\"on-b\"}");
        Map<String, Object> reply = json(onB.nextText());
        assertThat(reply).containsEntry("type", "alert_created");
        String md = NAMES.channel(BusChannel.MARKET_DATA, "1");
        await().atMost(WAIT).until(() -> a.gateway().alerts().active() == 1 && b.gateway().alerts().active() == 1);
        await().atMost(WAIT).until(() -> cluster.commandListOn(cluster.nodeOf(md), "PUBSUB", "SHARDNUMSUB", md)
                .get(1).equals("2"));

        bid("1.0900");
        await().atMost(WAIT).until(() -> nodes.stream().mapToLong(n ->
                n.gateway().alerts().meters().publishedFirings() + n.gateway().alerts().meters().firingsMadeElsewhere())
                .sum() == 2);
        publisher.publisher().publishAccountEvent("alice", "{\"type\":\"notification\",\"data\":{\"sentinel\":1}}")
                .toCompletableFuture().get();
        for (WebSocketRecorder session : List.of(onA, onB)) {
            assertThat(session.nextText()).contains("\"event\":\"alert\"").contains("\"clientId\":\"on-b\"");
            assertThat(session.nextText()).contains("\"sentinel\":1");
        }
        assertThat(nodes.stream().mapToLong(n -> n.gateway().alerts().meters().publishedFirings()).sum()).isEqualTo(1);
        String history = NAMES.historyKey(BusChannel.ACCOUNT, "alice");
        assertThat(cluster.commandOn(cluster.nodeOf(history), "XLEN", history)).isEqualTo("2");
        onA.close(1000, "done");
        onB.close(1000, "done");
    }
}
