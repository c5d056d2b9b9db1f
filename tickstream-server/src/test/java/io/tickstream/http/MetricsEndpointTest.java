package io.tickstream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {

    /** {@code name{label="value",...} value [timestamp]} of the Prometheus text format 0.0.4. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\")*,?})? "
                    + "(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldExposeWellFormedPrometheusTextWithTheGatewayFigures() throws Exception {
        HttpResponse<String> response = scrape(null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Double> samples = parse(response.body());
        assertThat(samples).containsKeys("tickstream_bus_messages_total", "tickstream_frames_out_total",
                "tickstream_bytes_out_total", "tickstream_auth_failures_total", "tickstream_malformed_updates_total",
                "tickstream_conflated_frames_total", "tickstream_slow_consumer_disconnects_total",
                "tickstream_state_delta_fallbacks_total",
                "tickstream_rate_limited_total", "tickstream_bus_connected", "tickstream_subscriptions",
                "tickstream_connections{protocol=\"json\"}", "tickstream_connections{protocol=\"ime\"}",
                "tickstream_connections{protocol=\"compact\"}", "tickstream_delivery_latency_seconds_count",
                "tickstream_delivery_latency_seconds_bucket{le=\"+Inf\"}", "jvm_threads_live_threads");
        assertThat(samples.get("tickstream_bus_connected")).isEqualTo(1.0);
    }

    @Test
    void shouldExportTheEventLoopsTaskDelayAsAHistogram() throws Exception {
        Map<String, Double> samples = await().atMost(Duration.ofSeconds(10)).until(() -> parse(scrape(null).body()),
                now -> now.getOrDefault("tickstream_event_loop_delay_seconds_count", 0.0) > 0);

        assertThat(samples).containsKeys("tickstream_event_loop_delay_seconds_bucket{le=\"0.001\"}",
                "tickstream_event_loop_delay_seconds_bucket{le=\"1.0\"}", "tickstream_event_loop_delay_seconds_sum",
                "tickstream_event_loop_delay_seconds_max", "tickstream_bus_ready");
        assertThat(samples.get("tickstream_event_loop_delay_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(samples.get("tickstream_event_loop_delay_seconds_count"));
        assertThat(samples.get("tickstream_bus_ready")).isEqualTo(1.0);
    }

    @Test
    void shouldMoveTheCountersWhenAClientStreams() throws Exception {
        Map<String, Double> before = parse(scrape(null).body());
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"state\"}");
        client.nextText();
        for (int i = 1; i <= 5; i++) {
            gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.08" + i + "0}}}");
            String state = client.nextText();
            assertThat(state).contains("\"buy_price\":1.08" + i + "0");
        }
        // the figures are made at most twice a second: wait for a scrape that has the five messages
        Map<String, Double> after = await().atMost(Duration.ofSeconds(10)).until(() -> parse(scrape(null).body()),
                now -> now.get("tickstream_bus_messages_total") - before.get("tickstream_bus_messages_total") >= 5);

        assertThat(after.get("tickstream_bus_messages_total") - before.get("tickstream_bus_messages_total")).isEqualTo(5.0);
        assertThat(after.get("tickstream_frames_out_total") - before.get("tickstream_frames_out_total")).isGreaterThanOrEqualTo(8.0);
        assertThat(after.get("tickstream_bytes_out_total") - before.get("tickstream_bytes_out_total")).isGreaterThan(5 * 300.0);
        assertThat(after.get("tickstream_connections{protocol=\"json\"}")).isEqualTo(1.0);
        assertThat(after.get("tickstream_subscriptions")).isEqualTo(1.0);
        assertThat(after.get("tickstream_active_instruments")).isEqualTo(1.0);
        assertThat(after.get("tickstream_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(5.0);
        assertThat(after.get("tickstream_delivery_latency_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(after.get("tickstream_delivery_latency_seconds_count"));
        assertThat(after.get("tickstream_delivery_latency_seconds_sum")).isGreaterThan(0.0);

        client.close(1000, "done");
        client.awaitClose();
        Map<String, Double> closed = waitForConnections(0.0);
        assertThat(closed.get("tickstream_subscriptions")).isZero();
    }

    @Test
    void shouldAnswerOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = scrape("application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(response.body()).contains("# TYPE tickstream_bus_messages counter").endsWith("# EOF\n");
    }

    private Map<String, Double> waitForConnections(double expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Map<String, Double> samples = parse(scrape(null).body());
            if (samples.get("tickstream_connections{protocol=\"json\"}") == expected || System.nanoTime() > deadline) {
                assertThat(samples.get("tickstream_connections{protocol=\"json\"}")).isEqualTo(expected);
                return samples;
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> scrape(String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.gateway().port() + "/metrics")).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Checks every line against the text format and returns the samples by name and labels. */
    private static Map<String, Double> parse(String body) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                typed.add(type.group(1));
                continue;
            }
            if (line.startsWith("#")) {
                assertThat(line).as("comment line").matches(HELP);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("sample line: %s", line).isTrue();
            String name = sample.group(1);
            assertThat(typed).as("TYPE declared before %s", name)
                    .anyMatch(family -> name.equals(family) || name.startsWith(family + "_"));
            samples.put(name + (sample.group(2) == null ? "" : sample.group(2)), value(sample.group(3)));
        }
        return samples;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
