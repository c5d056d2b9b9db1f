package io.tickstream.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.hub.HubMeters;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages that anyone able to PUBLISH on Redis can put on an instrument's channel, between updates of
 * the project's own publisher: none of them reaches a client or stops the publisher's later updates.
 */
class BusInputOverRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHANNEL = ChannelNames.defaults().channel(BusChannel.MARKET_DATA, "1");

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway = GatewayExtension.overRedis();

    @Test
    void shouldRefuseAndCountASeqFarAboveTheInstrumentsWithoutANewEpoch() throws Exception {
        WebSocketRecorder client = subscribedToState();
        HubMeters meters = gateway.gateway().hub().meters();

        gateway.redis().command("PUBLISH", CHANNEL,
                "{\"seq\":9223372036854775807,\"data\":{\"Aggregate\":{\"last_price\":666}}}");
        publish("1.0852");

        assertThat(textsUntil(client, "1.0852")).noneMatch(text -> text.contains("666"));
        assertThat(meters.seqJumps()).isEqualTo(1);
        assertThat(meters.staleUpdates()).isZero();
    }

    @Test
    void shouldAdoptTheStoredStateHoweverFarAheadAfterTheBusReconnects() throws Exception {
        gateway.restart(config -> config.maxSeqJump(5));
        gateway.publisher().publishMarketData("1", "{\"seq\":1,\"epoch\":\"e\",\"Aggregate\":{\"last_price\":1.0850}}")
                .toCompletableFuture().get();
        WebSocketRecorder client = subscribedToState();

        gateway.redis().command("HSET", "tickstream:state:1", "seq", "100", "Aggregate.last_price", "1.0851");
        gateway.redis().command("CLIENT", "KILL", "TYPE", "pubsub");
        client.awaitText(text -> text.contains("1.0851"), WAIT);
        gateway.publisher().publishMarketData("1", "{\"seq\":101,\"epoch\":\"e\",\"Aggregate\":{\"last_price\":1.0852}}")
                .toCompletableFuture().get();

        assertThat(client.awaitText(text -> text.contains("1.0852"), WAIT)).contains("\"last_price\":1.0852");
    }

    @Test
    void shouldRefuseNumbersThatAreNotFiniteDecimalsAndRepeatedKeysAsMalformed() throws Exception {
        WebSocketRecorder client = subscribedToState();
        HubMeters meters = gateway.gateway().hub().meters();
        long malformedBefore = meters.malformedUpdates();

        List<String> rogue = List.of(
                "{\"Aggregate\":{\"last_price\":1e309}}",
                "{\"Aggregate\":{\"last_price\":-1E+400}}",
                "{\"Aggregate\":{\"last_price\":0.1e-400}}",
                "{\"Aggregate\":{\"last_price\":" + "9".repeat(400) + "}}",
                "{\"Aggregate\":{\"last_price\":777,\"last_price\":1.0851}}",
                "{\"Aggregate\":{\"last_price\":777},\"data\":{\"Aggregate\":{\"last_price\":1.0851}}}",
                "{\"seq\":5,\"seq\":6,\"Aggregate\":{\"high_price\":777}}");
        for (String message : rogue) {
            gateway.redis().command("PUBLISH", CHANNEL, message);
        }
        publish("1.0852");

        assertThat(textsUntil(client, "1.0852")).noneMatch(text -> text.contains("e309") || text.contains("E+400")
                || text.contains("e-400") || text.contains("9".repeat(20)) || text.contains("777"));
        assertThat(meters.malformedUpdates() - malformedBefore).isEqualTo(rogue.size());
    }

    @Test
    void shouldRefuseTradesWithNumbersThatAreNotFiniteDecimalsOrRepeatedKeys() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.awaitText(text -> text.contains("\"auth\""), WAIT);
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"channel\":\"trades\"}");
        client.awaitText(text -> text.contains("\"subscribed\""), WAIT);
        HubMeters meters = gateway.gateway().hub().meters();
        long malformedBefore = meters.malformedUpdates();

        String trades = ChannelNames.defaults().channel(BusChannel.TRADES, "1");
        gateway.redis().command("PUBLISH", trades, "{\"price\":1e309,\"quantity\":1,\"side\":\"buy\"}");
        gateway.redis().command("PUBLISH", trades, "{\"price\":777,\"price\":1,\"quantity\":1,\"side\":\"buy\"}");
        gateway.publisher().publishTrade("1", "{\"price\":1.0851,\"quantity\":5,\"side\":\"sell\"}")
                .toCompletableFuture().get();

        assertThat(textsUntil(client, "1.0851")).noneMatch(text -> text.contains("e309") || text.contains("777"));
        assertThat(meters.malformedUpdates() - malformedBefore).isEqualTo(2);
    }

    /** A JSON client on EURUSD's state, after the first update of the project's publisher. */
    private static WebSocketRecorder subscribedToState() throws Exception {
        publish("1.0850");
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.awaitText(text -> text.contains("\"auth\""), WAIT);
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"channel\":\"state\"}");
        client.awaitText(text -> text.contains("1.0850"), WAIT);
        return client;
    }

    private static void publish(String lastPrice) throws Exception {
        gateway.publisher().publishMarketData("1", "{\"Aggregate\":{\"last_price\":" + lastPrice + "}}")
                .toCompletableFuture().get();
    }

    /** Every text message up to and including the first that contains {@code marker}. */
    private static List<String> textsUntil(WebSocketRecorder client, String marker) {
        List<String> texts = new ArrayList<>();
        while (texts.isEmpty() || !texts.get(texts.size() - 1).contains(marker)) {
            texts.add(client.nextText(WAIT));
        }
        return texts;
    }
}
