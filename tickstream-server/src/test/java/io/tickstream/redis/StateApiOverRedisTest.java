package io.tickstream.redis;

import static io.tickstream.GatewayFixture.at;
import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StateApiOverRedisTest {

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway =
            GatewayExtension.overRedis(config -> config.catalogRefresh(Duration.ofMinutes(10)));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldReadTheStoredStateFromRedisWithoutSubscribingTheInstrument() throws Exception {
        gateway.publisher().publishMarketData("777",
                "{\"seq\":3,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1249999000}},\"Aggregate\":{\"last_price\":1250000000}}}")
                .toCompletableFuture().get();

        HttpResponse<String> response = get("/api/instruments/777/state");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(at(json(response.body()), "BestLimit", "1", "buy_price")).isEqualTo(new BigDecimal("1249999000"));
        assertThat(at(json(response.body()), "Aggregate", "last_price")).isEqualTo(new BigDecimal("1250000000"));
        assertThat(gateway.redis().commandList("PUBSUB", "CHANNELS", "tickstream:*")).isEmpty();
    }

    @Test
    void shouldFindAnInstrumentAddedToTheCatalogAfterStart() throws Exception {
        gateway.redis().command("HSET", "tickstream:instruments", "900", InstrumentJson.write(new Instrument("900", "NEWCOIN")));
        gateway.publisher().publishMarketData("900", "{\"Aggregate\":{\"last_price\":3}}").toCompletableFuture().get();

        HttpResponse<String> response = get("/api/instruments/900/state");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(at(json(response.body()), "Aggregate", "last_price")).isEqualTo(new BigDecimal("3"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gateway().port() + path))
                .header("Authorization", "Bearer " + GatewayFixture.KEY).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
