package io.tickstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.recovery.StreamSessions;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RedisCluster;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway on a real 3-master Redis Cluster: sharded Pub/Sub, hash-tagged keys, a master lost and back. */
class ClusterBusTest {

    private static final Duration WAIT = StreamSessions.WAIT;
    private static final ChannelNames NAMES = ChannelNames.defaults().clustered();
    private RedisCluster cluster;
    private RedisBus publisher;
    private final List<RedisBus> buses = new ArrayList<>();
    private final List<GatewayFixture> nodes = new ArrayList<>();

    /** Starts a cluster for each test; where Redis is older than 7 that says so and skips (fails under CI=true). */
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

    @Test
    void shouldStreamEveryProtocolOverShardedChannelsWhenTheBusIsACluster() throws Exception {
        GatewayFixture node = node();
        WebSocketRecorder ime = node.connect(node.byName("EURUSD"));
        WebSocketRecorder json = json(node);
        json.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
        assertThat(json.nextText()).contains("\"subscribed\"");
        json.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"]}");
        assertThat(json.nextText()).contains("\"channel\":\"trades\"");
        WebSocketRecorder compact = StreamSessions.compact(node);
        compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"]}");
        compact.assertTextMessage("[\"n\",{\"event\":\"subscribed\",\"data\":[\"eurusd\"]}]");
        String md = NAMES.channel(BusChannel.MARKET_DATA, "1");
        await().atMost(WAIT).until(() -> cluster.commandListOn(cluster.nodeOf(md), "PUBSUB", "SHARDCHANNELS").contains(md));

        publisher.publisher().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}")
                .toCompletableFuture().get();
        publisher.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":7,\"side\":\"buy\"}").toCompletableFuture().get();
        publisher.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":1}}").toCompletableFuture().get();

        assertThat(ime.nextText()).contains("\"contractName\":\"EURUSD\"").contains("\"buy_price\":1.0850");
        // The trade and the account event come from different shards: either may arrive first.
        Set<Object> types = new HashSet<>();
        List<String> seen = StreamSessions.readThrough(json,
                text -> types.add(GatewayFixture.json(text).get("type")) && types.containsAll(List.of("trade", "account")));
        assertThat(seen).anyMatch(text -> text.startsWith("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.0850"))
                .anyMatch(text -> text.startsWith("{\"type\":\"trade\",\"symbol\":\"EURUSD\"") && text.contains("\"seq\":1"));
        Set<Character> kinds = new HashSet<>();
        assertThat(StreamSessions.readThrough(compact, text -> kinds.add(text.charAt(2)) && kinds.containsAll(List.of('t', 'b'))))
                .anyMatch(text -> text.startsWith("[\"t\",\"eurusd\",1.0850"));
        for (int shard = 0; shard < 3; shard++) {
            assertThat(cluster.commandListOn(shard, "PUBSUB", "CHANNELS")).as("no classic channel on shard " + shard).isEmpty();
        }
        assertThat(cluster.nodeOf(NAMES.stateKey("1"))).isEqualTo(cluster.nodeOf(md))
                .isEqualTo(cluster.nodeOf(NAMES.historyKey(BusChannel.TRADES, "1")));
    }

    @Test
    void shouldServeTheStoredStateToALateSubscriberWhenOnACluster() throws Exception {
        GatewayFixture node = node();
        publisher.publisher().publishMarketData("12345", "{\"Aggregate\":{\"last_price\":420}}").toCompletableFuture().get();

        WebSocketRecorder late = node.connect(node.byName("ContractA"));

        assertThat(late.nextText()).contains("\"last_price\":420");
    }

    @Test
    void shouldReachTheAccountsSessionsOnTwoGatewayNodesWhenOnACluster() throws Exception {
        WebSocketRecorder onA = json(node());
        WebSocketRecorder onB = StreamSessions.compact(node());
        String channel = NAMES.channel(BusChannel.ACCOUNT, "alice");
        await().atMost(WAIT).until(() -> cluster.commandListOn(cluster.nodeOf(channel), "PUBSUB", "SHARDNUMSUB", channel)
                .equals(List.of(channel, "2")));

        for (int n = 1; n <= 20; n++) {
            publisher.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + n + "}}")
                    .toCompletableFuture().get();
        }

        assertThat(StreamSessions.seqs(StreamSessions.readThrough(onA, text -> text.contains("\"n\":20}")), "account"))
                .isEqualTo(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(StreamSessions.readThrough(onB, text -> text.equals("[\"b\",{\"n\":20}]"))).hasSize(20);
    }

    @Test
    void shouldResubscribeAndRecoverWhenTheMasterOfAShardIsKilledAndRestarted() throws Exception {
        GatewayFixture node = node();
        WebSocketRecorder json = json(node);
        json.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"]}");
        assertThat(json.nextText()).contains("\"channel\":\"trades\"");
        String trades = NAMES.channel(BusChannel.TRADES, "1");
        int shard = cluster.nodeOf(trades);
        await().atMost(WAIT).until(() -> cluster.commandListOn(shard, "PUBSUB", "SHARDCHANNELS").contains(trades));
        for (int n = 1; n <= 50; n++) {
            trade(n);
        }
        assertThat(StreamSessions.seqs(StreamSessions.readThrough(json, text -> text.contains("\"quantity\":50,")), "trade")).hasSize(50);

        cluster.kill(shard);
        cluster.restart(shard);
        for (int n = 51; n <= 100; n++) {
            trade(n);
        }

        List<String> after = StreamSessions.readThrough(json, text -> text.contains("\"quantity\":100,"));
        assertThat(StreamSessions.seqs(after, "trade")).as("every trade once, in order, none lost to the restart")
                .isEqualTo(LongStream.rangeClosed(51, 100).boxed().toList());
        assertThat(after).noneMatch(text -> text.contains("\"type\":\"gap\""));
        await().atMost(WAIT).until(() -> cluster.commandListOn(shard, "PUBSUB", "SHARDCHANNELS").contains(trades));
    }

    private void trade(int n) throws Exception {
        publisher.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":" + n + ",\"side\":\"buy\"}")
                .toCompletableFuture().get();
    }

    private GatewayFixture node() throws InterruptedException {
        RedisBus bus = RedisBus.connect(cluster.uri(), ChannelNames.defaults());
        buses.add(bus);
        GatewayFixture node = GatewayFixture.start(GatewayFixture.config().build(), bus);
        nodes.add(node);
        return node;
    }

    private static WebSocketRecorder json(GatewayFixture node) {
        return StreamSessions.json(node, null).client();
    }
}
