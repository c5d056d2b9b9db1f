package io.tickstream.http;

import static io.tickstream.GatewayFixture.at;
import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.json.JsonTree;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstrumentApiTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswer401WithoutOrWithABadCredential() throws Exception {
        HttpResponse<String> none = get("/api/instruments", null);
        HttpResponse<String> wrong = get("/api/instruments", "Bearer not-a-key");
        HttpResponse<String> otherScheme = get("/api/instruments", "Basic " + GatewayFixture.KEY);
        HttpResponse<String> state = get("/api/instruments/1/state", null);

        for (HttpResponse<String> response : List.of(none, wrong, otherScheme, state)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tickstream\"");
        }
        assertThat(wrong.body()).doesNotContain("not-a-key");
        assertThat(gateway.gateway().sessionMeters().authFailures()).isEqualTo(4);
    }

    @Test
    void shouldListTheInstrumentsTheCredentialMayRead() throws Exception {
        HttpResponse<String> all = get("/api/instruments", "Bearer " + GatewayFixture.KEY);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(list(all.body())).extracting(i -> i.get("id")).containsExactlyInAnyOrder("1", "12345", "777", "5");
        assertThat(list(all.body())).contains(Map.of("id", "5", "name", "DEEP5", "depth", BigDecimal.valueOf(5),
                "description", "five levels"));
        assertThat(all.body()).contains("\"name\":\"زعفران0412P01\"");

        HttpResponse<String> narrow = get("/api/instruments", "bearer " + GatewayFixture.NARROW_KEY);
        assertThat(list(narrow.body())).extracting(i -> i.get("name")).containsExactly("EURUSD");
    }

    @Test
    void shouldServeTheStoredStateOfAnInstrumentNobodyWatches() throws Exception {
        gateway.bus().publishMarketData("12345", "{\"BestLimit\":{\"1\":{\"buy_price\":1200,\"sell_price\":1210}},"
                + "\"Aggregate\":{\"last_price\":1205}}");
        HttpResponse<String> response = get("/api/instruments/12345/state", "Bearer " + GatewayFixture.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> data = json(response.body());
        assertThat(data).containsOnlyKeys("BestLimit", "Aggregate", "AllowedPriceRange", "ContractInfo");
        assertThat(at(data, "BestLimit", "1", "buy_price")).isEqualTo(new BigDecimal("1200"));
        assertThat(at(data, "BestLimit", "1", "sell_price")).isEqualTo(new BigDecimal("1210"));
        assertThat(at(data, "BestLimit", "3", "buy_price")).isEqualTo(BigDecimal.ZERO);
        assertThat(at(data, "Aggregate", "last_price")).isEqualTo(new BigDecimal("1205"));
        assertThat(at(data, "AllowedPriceRange", "maxAllowedPrice")).isEqualTo(new BigDecimal("9999999999"));
        assertThat(gateway.gateway().hub().activeInstruments()).as("no topic made for an HTTP read").isZero();
    }

    @Test
    void shouldServeTheLiveStateOfAWatchedInstrumentWithNumbersAsPublished() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
        client.awaitText(text -> text.contains("1.0852"), WebSocketRecorder.DEFAULT_TIMEOUT);

        HttpResponse<String> response = get("/api/instruments/1/state", "Bearer " + GatewayFixture.KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"BestLimit\":{\"1\":{\"buy_quantity\":0,\"buy_price\":1.0850,"
                + "\"sell_quantity\":0,\"sell_price\":1.0852}");
        client.close(1000, "done");
    }

    @Test
    void shouldFindAnInstrumentByIdOrByItsPersianName() throws Exception {
        gateway.bus().publishMarketData("777", "{\"Aggregate\":{\"last_price\":4500000}}");
        String byName = "/api/instruments/" + URLEncoder.encode("زعفران0412P01", StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> state = get(byName + "/state", "Bearer " + GatewayFixture.KEY);
        HttpResponse<String> instrument = get("/api/instruments/777", "Bearer " + GatewayFixture.KEY);

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(at(json(state.body()), "Aggregate", "last_price")).isEqualTo(new BigDecimal("4500000"));
        assertThat(json(instrument.body())).containsEntry("name", "زعفران0412P01").containsEntry("id", "777");
    }

    @Test
    void shouldAnswer404ForAnUnknownInstrumentOrOneOutsideTheScope() throws Exception {
        assertThat(get("/api/instruments/999/state", "Bearer " + GatewayFixture.KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/instruments/12345/state", "Bearer " + GatewayFixture.NARROW_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/instruments/1/state", "Bearer " + GatewayFixture.NARROW_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/instruments/1/nothing", "Bearer " + GatewayFixture.KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/instruments/", "Bearer " + GatewayFixture.KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseMethodsOtherThanGet() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/instruments"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.gateway().port() + path);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String body) throws Exception {
        return (List<Map<String, Object>>) JsonTree.parse(body);
    }
}
