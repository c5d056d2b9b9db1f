package io.tickstream.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.instrument.NameTakenException;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis catalog as the gateway reads it and the Java publisher writes it: names that another
 * instrument holds and entries that are not valid instruments are refused and counted, and a
 * catalog lost to a Redis restart is written back by the gateway that knew it.
 */
class CatalogOverRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CATALOG = "tickstream:instruments";

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway =
            GatewayExtension.overRedis(config -> config.catalogRefresh(Duration.ofMillis(200)));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseAndCountANameAnotherInstrumentHoldsAndEntriesThatAreNotValidInstruments() throws Exception {
        gateway.redis().command("HSET", CATALOG, "905", "{\"id\":\"905\",\"name\":\"EURUSD\"}");
        gateway.redis().command("HSET", CATALOG, "906", "{\"id\":\"906\",\"name\":\"ｅｕｒｕｓｄ\"}");
        gateway.redis().command("HSET", CATALOG, "907", "{\"id\":\"907\",\"name\":\"EUR\u200FUSD\"}");
        gateway.redis().command("HSET", CATALOG, "9\r\n08", "{\"id\":\"9\\r\\n08\",\"name\":\"CRLF\"}");
        gateway.redis().command("HSET", CATALOG, "900", InstrumentJson.write(new Instrument("900", "NEWCOIN")));

        await().atMost(WAIT).until(() -> gateway.gateway().catalog().byId("900").isPresent());
        assertThat(gateway.gateway().catalog().byName("EURUSD")).get().extracting(Instrument::id).isEqualTo("1");
        assertThat(gateway.gateway().catalog().byNameIgnoreCase("ｅｕｒｕｓｄ")).get().extracting(Instrument::id).isEqualTo("1");
        for (String refused : List.of("905", "906", "907", "9\r\n08")) {
            assertThat(gateway.gateway().catalog().byId(refused)).as(refused).isEmpty();
        }
        assertThat(metric("tickstream_catalog_name_conflicts_total")).isEqualTo(2.0);
        assertThat(metric("tickstream_catalog_invalid_entries_total")).isEqualTo(2.0);

        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.awaitText(text -> text.contains("\"auth\""), WAIT);
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
        client.awaitText(text -> text.contains("\"subscribed\""), WAIT);
        gateway.publisher().publishMarketData("905", "{\"BestLimit\":{\"1\":{\"buy_price\":666,\"sell_price\":667}}}")
                .toCompletableFuture().get();
        gateway.publisher().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0860}}}")
                .toCompletableFuture().get();
        assertThat(client.awaitText(text -> text.contains("\"tick\""), WAIT)).contains("\"bid\":1.0850");
    }

    @Test
    void shouldRefuseInTheJavaPublisherANameAnotherInstrumentHolds() {
        for (String taken : List.of("EURUSD", "eurusd", "ＥＵＲＵＳＤ", "contracta")) {
            assertThatThrownBy(() -> gateway.publisher().putInstrument(new Instrument("905", taken)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).as(taken)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NameTakenException.class);
        }
        assertThatThrownBy(() -> gateway.publisher().putInstruments(List.of(new Instrument("905", "NEWCOIN"),
                new Instrument("906", "DEEP5"))).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(NameTakenException.class);
        assertThat(gateway.redis().command("HLEN", CATALOG)).isEqualTo(String.valueOf(GatewayFixture.CATALOG.size()));
    }

    @Test
    void shouldWriteTheCatalogBackAfterRedisRestartsEmptySoThatAGatewayStartedLaterServesEveryInstrument() throws Exception {
        gateway.redis().restart();

        await().atMost(WAIT).until(() -> String.valueOf(GatewayFixture.CATALOG.size())
                .equals(gateway.redis().command("HLEN", CATALOG)));
        assertThat(metric("tickstream_catalog_restores_total")).isGreaterThanOrEqualTo(1.0);
        try (RedisBus bus = RedisBus.connect(gateway.redis().uri(), ChannelNames.defaults());
             GatewayFixture later = GatewayFixture.start(GatewayFixture.config().build(), bus)) {
            assertThat(later.gateway().catalog().all()).containsExactlyInAnyOrderElementsOf(GatewayFixture.CATALOG);
        }
    }

    private double metric(String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/metrics")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher sample = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(response.body());
        assertThat(sample.find()).as(name).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
