package io.tickstream.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonOverRedisTest {

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway = GatewayExtension.overRedis();

    @Test
    void shouldStreamTicksAndTradesPublishedOnRedisAndReleaseTheChannelsAfterwards() throws Exception {
        gateway.publisher().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}")
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
                gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:*:1").size() == 2);

        gateway.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":5,\"side\":\"sell\",\"ts\":7}")
                .toCompletableFuture().get();
        client.assertTextMessage("{\"type\":\"trade\",\"symbol\":\"EURUSD\",\"price\":1.0851,\"quantity\":5,\"side\":\"sell\",\"time\":7,\"seq\":1}");

        client.close(1000, "done");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:*:1").isEmpty());
    }
}
