package io.tickstream.recovery;

import static io.tickstream.recovery.StreamSessions.position;
import static io.tickstream.recovery.StreamSessions.readThrough;
import static io.tickstream.recovery.StreamSessions.seqs;
import static io.tickstream.recovery.StreamSessions.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that leaves node A and resumes on node B, both on one Redis, with the positions A gave it. */
class NodeMoveOverRedisTest {

    private RedisServer redis;
    private RedisBus busA;
    private RedisBus busB;
    private RedisBus publisher;
    private GatewayFixture nodeA;
    private GatewayFixture nodeB;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        GatewayFixture.seedCatalog(redis);
        busA = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        busB = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        nodeA = GatewayFixture.start(GatewayFixture.config().build(), busA);
        nodeB = GatewayFixture.start(GatewayFixture.config().build(), busB);
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        busA.close();
        busB.close();
        publisher.close();
        redis.close();
    }

    @Test
    void shouldLoseNothingAndRepeatNothingWhenAClientMovesToAnotherNodeWithItsSince() throws Exception {
        StreamSessions.Joined onA = StreamSessions.json(nodeA, null);
        Map<String, Object> account = position(onA.reply(), "account");
        Map<String, Object> trades = position(StreamSessions.subscribeTrades(onA.client(), null), "streams", "EURUSD");
        for (int round = 1; round <= 50; round++) {
            publishRound(round);
        }
        List<String> seenOnA = readThrough(onA.client(), text -> text.contains("\"n\":50}"));
        assertThat(seqs(seenOnA, "trade")).isEqualTo(LongStream.rangeClosed(1, 50).boxed().toList());
        onA.client().close(1000, "moving");

        for (int round = 51; round <= 100; round++) {
            publishRound(round);
        }
        StreamSessions.Joined onB = StreamSessions.json(nodeB, since(account, 50));
        assertThat(onB.reply()).containsEntry("recovered", true);
        List<String> recovered = readThrough(onB.client(), text -> text.contains("\"n\":100}"));
        assertThat(seqs(recovered, "account")).isEqualTo(LongStream.rangeClosed(51, 100).boxed().toList());
        Map<String, Object> reply = StreamSessions.subscribeTrades(onB.client(), "{\"EURUSD\":" + since(trades, 50) + "}");
        assertThat(position(reply, "recovered")).containsEntry("EURUSD", true);
        publishRound(101);

        // The account's 101st event is published after the 101st trade, so it comes last.
        List<String> seenOnB = readThrough(onB.client(), text -> text.contains("\"n\":101}"));
        assertThat(seqs(seenOnB, "trade")).isEqualTo(LongStream.rangeClosed(51, 101).boxed().toList());
        assertThat(seqs(seenOnB, "account")).containsExactly(101L);
    }

    private void publishRound(int round) throws Exception {
        publisher.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":" + round + ",\"side\":\"buy\"}")
                .toCompletableFuture().get();
        publisher.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + round + "}}")
                .toCompletableFuture().get();
    }
}
