package io.tickstream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonOverRedisTest {

    private RedisServer redis;
    private RedisBus bus;
    private RedisBus publisher;
    private GatewayFixture gateway;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        GatewayFixture.seedCatalog(redis);
        bus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        gateway = GatewayFixture.start(GatewayFixture.config().build(), bus);
    }

    @AfterEach
    void stop() {
        gateway.close();
        bus.close();
        publisher.close();
        redis.close();
    }

    @Test
    void shouldStreamTicksAndTradesPublishedOnRedisAndReleaseTheChannelsAfterwards() throws Exception {
        publisher.publisher().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}")
                .toCompletableFuture().get();
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"trades\"}");
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\"}");
        client.nextText();
        assertThat(client.nextText()).contains("\"bid\":1.0850,\"ask\":1.0852");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                redis.commandList("PUBSUB", "CHANNELS", "tickstream:*:1").size() == 2);

        publisher.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":5,\"side\":\"sell\",\"ts\":7}")
                .toCompletableFuture().get();
        client.assertTextMessage("{\"type\":\"trade\",\"symbol\":\"EURUSD\",\"price\":1.0851,\"quantity\":5,\"side\":\"sell\",\"time\":7}");

        client.close(1000, "done");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                redis.commandList("PUBSUB", "CHANNELS", "tickstream:*:1").isEmpty());
    }
}
