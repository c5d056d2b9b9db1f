package io.tickstream.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live candles over real sockets: the open bar, then the closed bar after its boundary with no trade after it. */
class LiveCandlesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldSendTheOpenBarThenTheClosedBarAfterItsBoundaryWithoutAnotherTrade() throws Exception {
        WebSocketRecorder client = json();
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"candles\",\"symbols\":[\"EURUSD\"],\"interval\":\"1s\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("type", "subscribed")
                .containsEntry("channel", "candles");

        long ts = publishEarlyInASecond();

        List<Map<String, Object>> candles = readUntilClosed(client);
        Map<String, Object> open = candles.get(0);
        Map<String, Object> closed = candles.get(candles.size() - 1);
        long start = ts - ts % 1_000;
        assertThat(open).containsEntry("type", "candle").containsEntry("symbol", "EURUSD").containsEntry("interval", "1s")
                .containsEntry("closed", false).containsEntry("start", new BigDecimal(start));
        assertThat(closed).containsEntry("closed", true).containsEntry("start", new BigDecimal(start))
                .containsEntry("open", new BigDecimal("1.1")).containsEntry("high", new BigDecimal("1.30"))
                .containsEntry("low", new BigDecimal("1.1")).containsEntry("close", new BigDecimal("1.2"))
                .containsEntry("volume", new BigDecimal("0.6")).containsEntry("trades", new BigDecimal("3"));
        assertThat(((BigDecimal) closed.get("time")).longValue()).isGreaterThanOrEqualTo(start + 1_000);
    }

    @Test
    void shouldSendCompactKArraysToEverySubscriberOfOneTopic() throws Exception {
        WebSocketRecorder first = compact();
        WebSocketRecorder second = compact();
        for (WebSocketRecorder client : List.of(first, second)) {
            client.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"],\"channel\":\"candles\",\"interval\":\"1s\"}");
            client.assertTextMessage("[\"n\",{\"event\":\"subscribed\",\"data\":[\"eurusd\"]}]");
        }
        assertThat(gateway.gateway().candleTopics()).isEqualTo(1);

        long ts = publishEarlyInASecond();

        long start = ts - ts % 1_000;
        for (WebSocketRecorder client : List.of(first, second)) {
            String closed = client.awaitText(text -> text.endsWith(",true]"), WAIT);
            assertThat(closed).isEqualTo("[\"k\",\"eurusd\",\"1s\"," + start + ",1.1,1.30,1.1,1.2,0.6,3,true]");
        }
    }

    @Test
    void shouldRefuseAMissingOrUnknownInterval() {
        WebSocketRecorder client = json();
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"candles\",\"symbols\":[\"EURUSD\"]}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("type", "error")
                .containsEntry("message", "Missing field: interval (1s, 1m, 5m, 15m, 1h, 4h, 1d)");
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"candles\",\"symbols\":[\"EURUSD\"],\"interval\":\"3m\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("type", "error")
                .containsEntry("message", "Unknown interval: 3m (1s, 1m, 5m, 15m, 1h, 4h, 1d)");
        WebSocketRecorder compact = compact();
        compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"],\"channel\":\"candles\",\"interval\":\"2h\"}");
        assertThat(compact.nextText()).contains("Unknown interval: 2h");
        compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"],\"channel\":\"klines\",\"interval\":\"1m\"}");
        assertThat(compact.nextText()).contains("Unknown channel: klines");
        assertThat(gateway.gateway().sessionMeters().clientErrors()).isEqualTo(4);
    }

    /** Publishes three trades stamped now, once now is early in its second, so that the bar stays open a while. */
    private static long publishEarlyInASecond() throws Exception {
        while (System.currentTimeMillis() % 1_000 > 200) {
            Thread.sleep(10);
        }
        long ts = System.currentTimeMillis();
        String[][] trades = {{"1.1", "0.1"}, {"1.30", "0.2"}, {"1.2", "0.3"}};
        for (String[] trade : trades) {
            gateway.bus().publishTrade("1", "{\"price\":" + trade[0] + ",\"quantity\":" + trade[1]
                    + ",\"side\":\"sell\",\"ts\":" + ts + "}").toCompletableFuture().get();
        }
        return ts;
    }

    /** The candle messages up to and including the first closed one. */
    private static List<Map<String, Object>> readUntilClosed(WebSocketRecorder client) {
        List<Map<String, Object>> candles = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (candles.isEmpty() || !Boolean.TRUE.equals(candles.get(candles.size() - 1).get("closed"))) {
            Map<String, Object> message = GatewayFixture.json(client.nextText(Duration.between(Instant.now(), deadline)));
            if ("candle".equals(message.get("type"))) {
                candles.add(message);
            }
        }
        return candles;
    }

    private static WebSocketRecorder json() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("success", true);
        return client;
    }

    private static WebSocketRecorder compact() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }
}
