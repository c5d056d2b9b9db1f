package io.tickstream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.ChannelNames;
import io.tickstream.config.GatewayConfig;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountEventsAcrossNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
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
        GatewayConfig config = GatewayFixture.config()
                .apiKey(ApiKey.plain("bob-key", new Principal("bob", InstrumentScope.all(), true, 0))).build();
        busA = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        busB = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        nodeA = GatewayFixture.start(config, busA);
        nodeB = GatewayFixture.start(config, busB);
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
    void shouldReachAliceOnBothNodesAndNeverBob() throws Exception {
        WebSocketRecorder aliceOnA = jsonSession(nodeA, GatewayFixture.KEY);
        WebSocketRecorder aliceOnB = compactSession(nodeB, GatewayFixture.KEY);
        WebSocketRecorder bobOnB = jsonSession(nodeB, "bob-key");
        await().atMost(WAIT).until(() -> redis.commandList("PUBSUB", "NUMSUB", "tickstream:account:alice").get(1).equals("2"));

        for (int i = 0; i < 200; i++) {
            publisher.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + i + "}}")
                    .toCompletableFuture().get();
        }
        for (int i = 0; i < 200; i++) {
            assertThat(aliceOnA.nextText()).contains("\"data\":{\"n\":" + i + "}");
            aliceOnB.assertTextMessage("[\"b\",{\"n\":" + i + "}]");
        }
        bobOnB.assertExhausted();

        aliceOnA.close(1000, "bye");
        aliceOnB.close(1000, "bye");
        await().atMost(WAIT).until(() -> redis.commandList("PUBSUB", "CHANNELS", "tickstream:account:alice").isEmpty());
        assertThat(redis.commandList("PUBSUB", "CHANNELS", "tickstream:account:bob")).containsExactly("tickstream:account:bob");
        bobOnB.close(1000, "bye");
    }

    private static WebSocketRecorder jsonSession(GatewayFixture node, String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        assertThat(client.nextText()).contains("\"success\":true");
        return client;
    }

    private static WebSocketRecorder compactSession(GatewayFixture node, String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/compact"));
        client.sendText("{\"authorization\":\"" + key + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }
}
