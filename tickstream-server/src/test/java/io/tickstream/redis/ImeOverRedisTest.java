package io.tickstream.redis;

import static io.tickstream.GatewayFixture.at;
import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImeOverRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway =
            GatewayExtension.overRedis(config -> config.catalogRefresh(Duration.ofMillis(500)));

    @Test
    void shouldStreamUpdatesPublishedThroughRedis() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        awaitChannel("tickstream:md:1");
        publish("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850}}}");
        assertThat(client.nextText()).contains("\"buy_price\":1.0850");
        client.close(1000, "done");
    }

    @Test
    void shouldStreamAPlainPublishFromAnyProgram() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byId("12345"));
        awaitChannel("tickstream:md:12345");
        gateway.redis().command("PUBLISH", "tickstream:md:12345", "{\"Aggregate\":{\"last_price\":42}}");
        assertThat(at(json(client.nextText()), "data", "Aggregate", "last_price")).isEqualTo(new BigDecimal("42"));
        client.close(1000, "done");
    }

    @Test
    void shouldServeTheStoredStateToALateSubscriber() throws Exception {
        publish("777", "{\"seq\":1,\"ts\":1709742000000,\"data\":{\"Aggregate\":{\"last_price\":1250000000}}}");
        publish("777", "{\"seq\":2,\"data\":{\"BestLimit\":{\"1\":{\"sell_price\":1250001000}}}}");
        assertThat(gateway.redis().command("HGET", "tickstream:state:777", "Aggregate.last_price")).isEqualTo("1250000000");

        WebSocketRecorder client = gateway.connect(gateway.byName("زعفران0412P01"));
        Map<String, Object> state = json(client.nextText());
        assertThat(state.get("contractName")).isEqualTo("زعفران0412P01");
        assertThat(at(state, "data", "Aggregate", "last_price")).isEqualTo(new BigDecimal("1250000000"));
        assertThat(at(state, "data", "BestLimit", "1", "sell_price")).isEqualTo(new BigDecimal("1250001000"));
        client.close(1000, "done");
    }

    @Test
    void shouldSubscribeOnTheFirstClientAndUnsubscribeAfterTheLast() throws Exception {
        assertThat(gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:md:*")).isEmpty();
        WebSocketRecorder first = gateway.connect(gateway.byName("EURUSD"));
        awaitChannel("tickstream:md:1");
        WebSocketRecorder second = gateway.connect(gateway.byName("EURUSD"));
        first.close(1000, "bye");
        publish("1", "{\"Aggregate\":{\"last_price\":1.1}}");
        assertThat(second.nextText()).contains("\"last_price\":1.1");
        assertThat(gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:md:*")).containsExactly("tickstream:md:1");
        second.close(1000, "bye");
        await().atMost(WAIT).until(() -> gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:md:*").isEmpty());
    }

    @Test
    void shouldAcceptAnInstrumentAddedToTheCatalogHashWithoutRestart() throws Exception {
        Instrument added = new Instrument("900", "NEWCOIN");
        gateway.redis().command("HSET", "tickstream:instruments", added.id(), InstrumentJson.write(added));
        WebSocketRecorder client = gateway.connect(gateway.byName("NEWCOIN"));
        awaitChannel("tickstream:md:900");
        publish("900", "{\"Aggregate\":{\"last_price\":3}}");
        assertThat(json(client.nextText()).get("contractName")).isEqualTo("NEWCOIN");
        client.close(1000, "done");
    }

    @Test
    void shouldDropMalformedRedisMessagesAndKeepStreaming() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        awaitChannel("tickstream:md:1");
        gateway.redis().command("PUBLISH", "tickstream:md:1", "{{{");
        gateway.redis().command("PUBLISH", "tickstream:md:1", "{\"Aggregate\":{\"last_price\":true}}");
        publish("1", "{\"Aggregate\":{\"last_price\":1.3}}");
        assertThat(client.nextText()).contains("\"last_price\":1.3");
        client.assertExhausted();
        assertThat(gateway.gateway().hub().meters().malformedUpdates()).isEqualTo(2);
        client.close(1000, "done");
    }

    @Test
    void shouldKeepClientsThroughARedisRestartAndStreamAgainAfterIt() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        awaitChannel("tickstream:md:1");
        publish("1", "{\"Aggregate\":{\"last_price\":1.1}}");
        client.nextText();

        gateway.redis().stop();
        await().atMost(WAIT).until(() -> readyStatus() == 503);
        gateway.redis().restart();
        await().atMost(WAIT).until(() -> readyStatus() == 200);
        awaitChannel("tickstream:md:1");

        assertThat(client.isClosed()).isFalse();
        gateway.redis().command("PUBLISH", "tickstream:md:1", "{\"Aggregate\":{\"last_price\":1.2}}");
        assertThat(client.awaitText(text -> text.contains("\"last_price\":1.2"), WAIT)).isNotNull();
        client.close(1000, "done");
    }

    private void publish(String instrumentId, String json) throws Exception {
        gateway.publisher().publishMarketData(instrumentId, json).toCompletableFuture().get();
    }

    private static void awaitChannel(String channel) {
        await().atMost(WAIT).until(() -> gateway.redis().commandList("PUBSUB", "CHANNELS", channel).contains(channel));
    }

    private int readyStatus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/ready")).timeout(WAIT).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
