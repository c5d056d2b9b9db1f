package io.tickstream.protocol.json;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonLimitsTest {

    private static final String SINGLE = "single-connection-key";

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .limits(new SessionLimits(Duration.ofMillis(400), 2, 5, 100))
            .maxFrameBytes(1024)
            .apiKey(ApiKey.plain(SINGLE, new Principal("carol", InstrumentScope.all(), true, 1))));

    private WebSocketRecorder authenticated(String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        return client;
    }

    @Test
    void shouldCloseWithAnErrorWhenNoAuthArrivesWithinTheWindow() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        assertThat(json(client.nextText())).containsEntry("authTimeoutMs", new java.math.BigDecimal(400));
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Authentication timeout\"}");
        client.assertClosing(1008, "authentication timeout");
    }

    @Test
    void shouldAnswerFloodingWithRateLimitedErrorsThenDisconnect() {
        WebSocketRecorder client = authenticated(GatewayFixture.KEY);
        client.nextText();
        for (int i = 0; i < 14; i++) {
            client.sendText("{\"type\":\"ping\"}");
        }
        String limited = client.awaitText(text -> text.contains("rate_limited"), Duration.ofSeconds(5));
        Map<String, Object> error = json(limited);
        assertThat(error).containsEntry("type", "error").containsEntry("code", "rate_limited");
        assertThat(((Number) error.get("retryAfterMs")).longValue()).isPositive();
        for (int i = 0; i < 40 && !client.isClosed(); i++) {
            try {
                client.sendText("{\"type\":\"ping\"}");
            } catch (AssertionError closedMeanwhile) {
                break;
            }
        }
        assertThat(client.awaitClose().code()).isEqualTo(1008);
        assertThat(client.awaitClose().reason()).isEqualTo("rate limit exceeded");
        assertThat(gateway.gateway().sessionMeters().rateLimitedMessages()).isPositive();
    }

    @Test
    void shouldCloseWith1009WhenAFrameIsLargerThanTheMaximum() {
        WebSocketRecorder client = authenticated(GatewayFixture.KEY);
        client.nextText();
        client.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void shouldRefuseSubscriptionsBeyondTheLimit() {
        WebSocketRecorder client = authenticated(GatewayFixture.KEY);
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"ContractA\",\"DEEP5\"]}");
        assertThat(json(client.nextText())).containsEntry("code", "subscription_limit");
        assertThat(json(client.nextText())).containsEntry("type", "subscribed").containsEntry("totalSubscriptions",
                new java.math.BigDecimal(2));
        client.close(1000, "done");
    }

    @Test
    void shouldRefuseASecondConnectionOfAKeyLimitedToOne() {
        WebSocketRecorder first = authenticated(SINGLE);
        assertThat(json(first.nextText())).containsEntry("success", true);
        WebSocketRecorder second = authenticated(SINGLE);
        second.assertTextMessage("{\"type\":\"auth\",\"success\":false,\"message\":\"Connection limit reached for this account\"}");
        second.assertClosing(1008, "connection limit reached");
        first.close(1000, "done");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.gateway().sessionMeters().open() == 0);
        WebSocketRecorder third = authenticated(SINGLE);
        assertThat(json(third.nextText())).containsEntry("success", true);
        third.close(1000, "done");
    }
}
