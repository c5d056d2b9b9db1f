package io.tickstream.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.config.GatewayConfig;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketEvent;
import io.tickstream.testkit.WebSocketRecorder;
import io.tickstream.transport.CloseCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness against a real redis-server that stalls ({@code DEBUG SLEEP 3}, or {@code SIGSTOP}) or
 * is not there yet:
 * {@code /ready} follows whether Redis answers, and sessions are refused with a retryable error
 * rather than left waiting on it.
 */
class BusReadinessTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AUTH = "{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final RedisServer redis = RedisServer.start();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        redis.close();
    }

    @Test
    void shouldAnswer503OnReadyWhileRedisStallsAndRefuseSessionsRetryablyThen200AfterIt() throws Exception {
        GatewayFixture.seedCatalog(redis);
        gateway = Gateway.start(overRedis(new ReadinessSettings(Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofSeconds(2))));
        await().atMost(WAIT).until(() -> status("/ready") == 200);

        CompletableFuture<String> stall = CompletableFuture.supplyAsync(() -> redis.command("DEBUG", "SLEEP", "3"));
        await().atMost(WAIT).until(() -> status("/ready") == 503);
        assertThat(get("/ready").body()).isEqualTo("{\"ready\":false,\"bus\":\"not answering\"}");
        assertThat(status("/health")).isEqualTo(200);
        assertRefusedRetryably(WebSocketRecorder.connect(uri("/")));

        assertThat(stall.get()).isEqualTo("OK");
        await().atMost(WAIT).until(() -> status("/ready") == 200);
        WebSocketRecorder client = WebSocketRecorder.connect(uri("/"));
        client.nextText();
        client.sendText(AUTH);
        assertThat(client.nextText()).contains("\"type\":\"auth\"", "\"success\":true");
    }

    @Test
    void shouldRefuseAnAuthenticationThatWaitsOnTheBusLongerThanTheBound() throws Exception {
        GatewayFixture.seedCatalog(redis);
        // the PING deadline is far away, so only the bound on the wait can answer the client
        gateway = Gateway.start(overRedis(new ReadinessSettings(Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(300))));
        await().atMost(WAIT).until(() -> status("/ready") == 200);
        WebSocketRecorder client = WebSocketRecorder.connect(uri("/"));
        client.nextText();

        redis.pause();
        try {
            client.sendText(AUTH); // alice has private events: her account stream is read from Redis first
            assertUnavailable(client);
        } finally {
            redis.resume();
        }
    }

    @Test
    void shouldStartWithoutRedisRefuseSessionsAndServeOnceRedisComes() throws Exception {
        redis.stop();
        gateway = Gateway.start(GatewayFixture.config().redisUri(redis.uri()).catalogRefresh(Duration.ofMillis(200)).build());

        assertThat(status("/health")).isEqualTo(200);
        assertThat(status("/ready")).isEqualTo(503);
        assertThat(get("/ready").body()).isEqualTo("{\"ready\":false,\"bus\":\"disconnected\"}");
        assertRefusedRetryably(WebSocketRecorder.connect(uri("/")));
        WebSocketRecorder ime = WebSocketRecorder.connect(uri("/live/data/websocket/contract/name?contract_name=EURUSD"),
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY));
        assertThat(ime.awaitClose()).isEqualTo(new WebSocketEvent.Close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable"));
        WebSocketRecorder compact = WebSocketRecorder.connect(uri("/compact"));
        compact.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(compact.nextText()).startsWith("[\"n\",{\"event\":\"error\"").contains("\"code\":\"unavailable\"", "\"retryAfterMs\":");
        assertThat(compact.awaitClose()).isEqualTo(new WebSocketEvent.Close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable"));

        redis.restart();
        GatewayFixture.seedCatalog(redis);
        await().atMost(WAIT).until(() -> status("/ready") == 200);
        await().atMost(WAIT).until(() -> gateway.catalog().byName("EURUSD").isPresent());
        WebSocketRecorder client = WebSocketRecorder.connect(uri("/"));
        client.nextText();
        client.sendText(AUTH);
        assertThat(client.nextText()).contains("\"success\":true");
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\"}");
        assertThat(client.nextText()).contains("\"type\":\"subscribed\"");
        String marketData = ChannelNames.defaults().channel(BusChannel.MARKET_DATA, "1");
        await().atMost(WAIT).until(() -> !redis.commandList("PUBSUB", "CHANNELS", marketData).isEmpty());
        redis.command("PUBLISH", marketData, "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
        assertThat(client.awaitText(text -> text.contains("\"bid\":1.0850"), WAIT)).contains("EURUSD");
    }

    private GatewayConfig overRedis(ReadinessSettings readiness) {
        return GatewayFixture.config().redisUri(redis.uri()).readiness(readiness).build();
    }

    /** The client authenticates and is told to come back later, then closed with 1013. */
    private static void assertRefusedRetryably(WebSocketRecorder client) {
        client.nextText();
        client.sendText(AUTH);
        assertUnavailable(client);
    }

    private static void assertUnavailable(WebSocketRecorder client) {
        Map<String, Object> error = GatewayFixture.json(client.nextText());
        assertThat(error).containsEntry("type", "error").containsEntry("code", "unavailable").containsKey("retryAfterMs");
        assertThat(client.awaitClose()).isEqualTo(new WebSocketEvent.Close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable"));
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
