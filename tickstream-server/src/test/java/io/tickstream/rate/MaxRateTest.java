package io.tickstream.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code maxRate} over real sockets (SPEC §13): a fast-changing quote reaches a client at a rate
 * near the one it asked for, the last change always arrives, subscribers at one rate share one
 * encode per period, and rates out of range are refused.
 */
class MaxRateTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    static final int CHANGES = 1_000;

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldThinAFastQuoteToTheRateAndAlwaysSendTheLastChange() throws Exception {
        WebSocketRecorder slow = json();
        WebSocketRecorder slowToo = json();
        for (WebSocketRecorder client : List.of(slow, slowToo)) {
            client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"maxRate\":5}");
            assertThat(GatewayFixture.json(client.nextText())).containsEntry("type", "subscribed");
        }
        long encodesBefore = gateway.gateway().hub().meters().ratedEncodes();

        long elapsedMillis = publishChanges(gateway);

        String last = "\"bid\":" + bid(CHANGES - 1) + ",";
        int received = countThrough(slow, last);
        int receivedToo = countThrough(slowToo, last);
        long periods = elapsedMillis / 200 + 2;
        assertThat(received).as("ticks at maxRate 5 over %d ms of %d changes", elapsedMillis, CHANGES)
                .isBetween(5, (int) periods + 1);
        assertThat(receivedToo).isBetween(5, (int) periods + 1);
        assertThat(gateway.gateway().hub().meters().ratedEncodes() - encodesBefore)
                .as("one encode per period for both subscribers").isLessThanOrEqualTo(Math.max(received, receivedToo));
    }

    @Test
    void shouldThinCompactQuotesAndImeStates() throws Exception {
        WebSocketRecorder compact = WebSocketRecorder.connect(gateway.uri("/compact"));
        compact.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        compact.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"],\"maxRate\":5}");
        compact.assertTextMessage("[\"n\",{\"event\":\"subscribed\",\"data\":[\"eurusd\"]}]");
        WebSocketRecorder ime = WebSocketRecorder.connect(
                gateway.uri("/live/data/websocket/contract/name?contract_name=EURUSD&max_rate=5"),
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY));

        long elapsedMillis = publishChanges(gateway);

        long periods = elapsedMillis / 200 + 2;
        assertThat(countThrough(compact, "\"eurusd\"," + bid(CHANGES - 1) + ",")).isBetween(5, (int) periods + 1);
        assertThat(countThrough(ime, "\"buy_price\":" + bid(CHANGES - 1))).isBetween(5, (int) periods + 1);
    }

    @Test
    void shouldRefuseARateOutOfRange() {
        WebSocketRecorder client = json();
        for (String rate : List.of("0.05", "1001", "0")) {
            client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"maxRate\":" + rate + "}");
            assertThat(GatewayFixture.json(client.nextText())).containsEntry("type", "error")
                    .containsEntry("message", "Invalid field: maxRate must be 0.1..1000");
        }
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"maxRate\":\"fast\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("message", "Invalid field: maxRate must be a number");
        WebSocketRecorder compact = WebSocketRecorder.connect(gateway.uri("/compact"));
        compact.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        compact.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"],\"maxRate\":5000}");
        assertThat(compact.nextText()).contains("Invalid field: maxRate must be 0.1..1000");
        WebSocketRecorder ime = WebSocketRecorder.connect(
                gateway.uri("/live/data/websocket/contract/name?contract_name=EURUSD&max_rate=0"),
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY));
        ime.assertClosing(1008, "max_rate must be 0.1..1000");
        assertThat(gateway.gateway().sessionMeters().clientErrors()).isEqualTo(5);
    }

    /** Publishes {@link #CHANGES} quote changes over about two seconds; returns how long that took. */
    static long publishChanges(GatewayExtension.InProcess gateway) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < CHANGES; i++) {
            gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":" + bid(i) + ",\"sell_price\":2}}}");
            if (i % 10 == 9) {
                Thread.sleep(20);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String bid(int i) {
        return "1." + (10_000 + i);
    }

    /** How many messages arrive up to and including the one that contains {@code last}. */
    static int countThrough(WebSocketRecorder client, String last) {
        int count = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = client.nextText(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            count++;
            if (text.contains(last)) {
                return count;
            }
        }
    }

    private static WebSocketRecorder json() {
        return json(gateway);
    }

    static WebSocketRecorder json(GatewayExtension.InProcess gateway) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("success", true);
        return client;
    }
}
