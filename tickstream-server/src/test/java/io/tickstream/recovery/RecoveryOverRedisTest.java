package io.tickstream.recovery;

import static io.tickstream.recovery.StreamSessions.WAIT;
import static io.tickstream.recovery.StreamSessions.readThrough;
import static io.tickstream.recovery.StreamSessions.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery guarantees over a real Redis whose pub/sub connection, or whole server, goes away mid-stream. */
class RecoveryOverRedisTest {

    private static final String TRADES = "tickstream:trades:1";
    private static final String ACCOUNT = "tickstream:account:alice";
    private RedisServer redis;
    private RedisBus nodeBus;
    private RedisBus publisher;
    private GatewayFixture node;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        GatewayFixture.seedCatalog(redis);
        nodeBus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        node = GatewayFixture.start(GatewayFixture.config().build(), nodeBus);
    }

    @AfterEach
    void stop() {
        node.close();
        nodeBus.close();
        publisher.close();
        redis.close();
    }

    @Test
    void shouldLoseNoTradeOrAccountEventOnAnyProtocolWhenThePubSubConnectionIsKilledMidStream() throws Exception {
        WebSocketRecorder json = StreamSessions.json(node, null).client();
        StreamSessions.subscribeTrades(json, null);
        WebSocketRecorder compact = StreamSessions.compact(node);
        WebSocketRecorder ime = node.connect(node.byName("EURUSD"));
        awaitSubscribed();

        int rounds = 300;
        for (int round = 1; round <= rounds; round++) {
            publishRound(round);
            if (round % 100 == 50) {
                redis.command("CLIENT", "KILL", "TYPE", "pubsub");
            }
            Thread.sleep(1);
        }

        List<String> seen = readThrough(json, text -> text.contains("\"n\":" + rounds + "}"));
        List<Long> expected = LongStream.rangeClosed(1, rounds).boxed().toList();
        assertThat(seqs(seen, "trade")).as("trades, in order, each once").isEqualTo(expected);
        assertThat(seqs(seen, "account")).as("account events, in order, each once").isEqualTo(expected);
        assertThat(seen).noneMatch(text -> text.contains("\"type\":\"gap\""));
        List<String> balances = readThrough(compact, text -> text.equals("[\"b\",{\"n\":" + rounds + "}]"));
        assertThat(balances).containsExactlyElementsOf(
                LongStream.rangeClosed(1, rounds).mapToObj(n -> "[\"b\",{\"n\":" + n + "}]").toList());
        readThrough(ime, text -> text.contains("\"trade_count\":" + rounds + ","));
        assertThat(node.gateway().hub().recoveryMeters().trades().recoveredMessages()).isPositive();
        assertThat(node.gateway().hub().recoveryMeters().account().gaps()).isZero();
    }

    @Test
    void shouldTellOfTheGapAndSendTheStatesAgainWhenRedisRestartsEmpty() throws Exception {
        StreamSessions.Joined joined = StreamSessions.json(node, null);
        WebSocketRecorder json = joined.client();
        Map<String, Object> before = StreamSessions.position(StreamSessions.subscribeTrades(json, null), "streams", "EURUSD");
        WebSocketRecorder compact = StreamSessions.compact(node);
        WebSocketRecorder ime = node.connect(node.byName("EURUSD"));
        awaitSubscribed();
        publishRound(1);
        readThrough(json, text -> text.contains("\"n\":1}"));
        compact.assertTextMessage("[\"b\",{\"n\":1}]");
        String state = ime.nextText();

        redis.restart();
        GatewayFixture.seedCatalog(redis);

        List<String> told = readThrough(json, text -> text.contains("\"type\":\"gap\",\"channel\":\"account\""));
        assertThat(told).anyMatch(text -> text.startsWith("{\"type\":\"gap\",\"channel\":\"trades\",\"symbol\":\"EURUSD\",\"epoch\":\""))
                .noneMatch(text -> text.contains("\"epoch\":\"" + before.get("epoch") + "\""));
        readThrough(compact, text -> text.equals("[\"n\",{\"event\":\"gap\",\"channel\":\"account\"}]"));
        assertThat(ime.nextText(WAIT)).as("the state sent again").isEqualTo(state);

        awaitSubscribed();
        publishRound(2);
        List<String> after = readThrough(json, text -> text.contains("\"n\":2}"));
        assertThat(seqs(after, "trade")).containsExactly(1L);
        assertThat(seqs(after, "account")).containsExactly(1L);
    }

    private void publishRound(int round) throws Exception {
        publisher.publisher().publishMarketData("1", "{\"Aggregate\":{\"trade_count\":" + round + "}}")
                .toCompletableFuture().get();
        publisher.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":" + round + ",\"side\":\"buy\"}")
                .toCompletableFuture().get();
        publisher.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + round + "}}")
                .toCompletableFuture().get();
    }

    /** The node (one pub/sub connection for all its sessions) listens on the trade and account channels. */
    private void awaitSubscribed() {
        await().atMost(WAIT).until(() -> redis.commandList("PUBSUB", "NUMSUB", TRADES, ACCOUNT).equals(List.of(TRADES, "1", ACCOUNT, "1")));
    }
}
