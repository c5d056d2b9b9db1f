package io.tickstream.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Opens JSON and compact sessions for the recovery and cluster tests and reads what they receive. */
public final class StreamSessions {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private StreamSessions() {
    }

    /** A JSON session of the fixture's account, authenticated with {@code since} (JSON text or null); returns the auth reply too. */
    public static Joined json(GatewayFixture node, String since) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\""
                + (since == null ? "" : ",\"since\":" + since) + "}");
        Map<String, Object> reply = GatewayFixture.json(client.nextText());
        assertThat(reply).containsEntry("success", true);
        return new Joined(client, reply);
    }

    /** Subscribes the EURUSD trades, with {@code since} (JSON text or null); returns the subscribed reply. */
    public static Map<String, Object> subscribeTrades(WebSocketRecorder client, String since) {
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"]"
                + (since == null ? "" : ",\"since\":" + since) + "}");
        Map<String, Object> reply = GatewayFixture.json(client.nextText());
        assertThat(reply).containsEntry("type", "subscribed").containsEntry("channel", "trades");
        return reply;
    }

    public static WebSocketRecorder compact(GatewayFixture node) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/compact"));
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }

    /** Reads messages until {@code last} matches one (that one included), within {@link #WAIT}. */
    public static List<String> readThrough(WebSocketRecorder client, Predicate<String> last) {
        List<String> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            assertThat(left.isNegative()).as("the last message within " + WAIT + "; read " + read.size()).isFalse();
            String text = client.nextText(left);
            read.add(text);
            if (last.test(text)) {
                return read;
            }
        }
    }

    /** The {@code seq} of each JSON message of {@code type}, in order of arrival. */
    public static List<Long> seqs(List<String> messages, String type) {
        return messages.stream().map(GatewayFixture::json).filter(m -> type.equals(m.get("type")))
                .map(m -> ((Number) m.get("seq")).longValue()).toList();
    }

    /** The stream position in a reply, e.g. {@code at(reply, "account")}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> position(Map<String, Object> reply, String... path) {
        return (Map<String, Object>) GatewayFixture.at(reply, path);
    }

    /** {@code {"epoch":E,"seq":N}} as JSON text. */
    public static String since(Map<String, Object> position, long seq) {
        return "{\"epoch\":\"" + position.get("epoch") + "\",\"seq\":" + seq + "}";
    }

    /** A session and its auth reply. */
    public record Joined(WebSocketRecorder client, Map<String, Object> reply) {
    }
}
