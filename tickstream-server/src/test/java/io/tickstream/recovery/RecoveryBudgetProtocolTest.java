package io.tickstream.recovery;

import static io.tickstream.recovery.StreamSessions.position;
import static io.tickstream.recovery.StreamSessions.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.InProcessBus;
import io.tickstream.protocol.RecoveryLimits;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resumes refused once their connection's or account's recovery budget is spent: 300 messages a
 * connection and 500 an account here, refilled at one message a second.
 */
class RecoveryBudgetProtocolTest {

    private final InProcessBus bus = new InProcessBus(GatewayFixture.CATALOG, new HistoryLimits(1_000, Duration.ofMinutes(10)));
    private GatewayFixture node;

    @BeforeEach
    void start() throws Exception {
        node = GatewayFixture.start(GatewayFixture.config().recovery(new RecoveryLimits(300, 1, 500, 1)).build(), bus);
        for (int n = 1; n <= 400; n++) {
            bus.publishTrade("1", "{\"price\":1.0851,\"quantity\":" + n + ",\"side\":\"buy\"}");
            bus.publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + n + "}}");
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void shouldRefuseATradesResumeWithRateLimitedOnceTheConnectionsBudgetIsSpent() {
        WebSocketRecorder client = StreamSessions.json(node, null).client();
        String from = "{\"EURUSD\":" + since(Map.of("epoch", epoch(BusChannel.TRADES, "1")), 0) + "}";

        Map<String, Object> first = StreamSessions.subscribeTrades(client, from);
        assertThat(position(first, "recovered")).containsEntry("EURUSD", true);
        StreamSessions.readThrough(client, text -> text.contains("\"quantity\":400,"));

        client.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"],\"since\":" + from + "}");
        Map<String, Object> refused = GatewayFixture.json(client.nextText());
        assertThat(refused).containsEntry("type", "error").containsEntry("code", "rate_limited");
        assertThat(((Number) refused.get("retryAfterMs")).longValue()).as("100 overdrawn at 1/s").isGreaterThan(90_000);
        assertThat(node.gateway().hub().recoveryMeters().trades().refusedResumes()).isEqualTo(1);

        client.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"]}");
        assertThat(GatewayFixture.json(client.nextText())).as("a subscribe without since costs nothing")
                .containsEntry("type", "subscribed");
    }

    @Test
    void shouldRefuseAnAuthThatResumesWithRateLimitedAndTryAgainLaterOnceTheAccountsBudgetIsSpent() {
        String from = since(Map.of("epoch", epoch(BusChannel.ACCOUNT, "alice")), 0);
        StreamSessions.Joined first = StreamSessions.json(node, from);
        assertThat(first.reply()).containsEntry("recovered", true);
        StreamSessions.readThrough(first.client(), text -> text.contains("\"n\":400}"));
        StreamSessions.Joined second = StreamSessions.json(node, since(position(first.reply(), "account"), 200));
        assertThat(second.reply()).containsEntry("recovered", true);
        StreamSessions.readThrough(second.client(), text -> text.contains("\"n\":400}"));

        WebSocketRecorder third = WebSocketRecorder.connect(node.uri("/"));
        third.nextText();
        third.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\",\"since\":" + from + "}");
        assertThat(GatewayFixture.json(third.nextText())).containsEntry("type", "error").containsEntry("code", "rate_limited")
                .containsKey("retryAfterMs");
        assertThat(third.awaitClose().code()).isEqualTo(1013);

        assertThat(StreamSessions.json(node, null).reply()).as("an auth that does not resume is not refused")
                .containsEntry("success", true);
    }

    private String epoch(BusChannel kind, String key) {
        return bus.history(kind, key, null, -1).toCompletableFuture().join().position().epoch();
    }
}
