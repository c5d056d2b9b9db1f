package io.tickstream.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.testkit.OfflineBars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads {@code GET /api/candles} of a gateway and publishes trade tapes, for the candle tests. */
final class CandleHistory {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CandleHistory() {
    }

    static HttpResponse<String> get(int port, String query, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/candles?" + query))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bars of one page as their array texts, checking the status. */
    static List<String> bars(int port, String query) throws Exception {
        HttpResponse<String> response = get(port, query, GatewayFixture.KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return arrays(response.body());
    }

    /** Every bar of an interval, read back a page of {@code page} at a time with {@code end}. */
    static List<String> allByPages(int port, String symbol, String interval, int page) throws Exception {
        List<String> joined = new ArrayList<>();
        List<String> bars = bars(port, "symbol=" + symbol + "&interval=" + interval + "&limit=" + page);
        while (!bars.isEmpty()) {
            joined.addAll(0, bars);
            long firstStart = Long.parseLong(bars.get(0).substring(1, bars.get(0).indexOf(',')));
            bars = bars(port, "symbol=" + symbol + "&interval=" + interval + "&limit=" + page + "&end=" + (firstStart - 1));
        }
        return joined;
    }

    /** Publishes every print in order (one connection keeps the order) and waits for all. */
    static void publish(MarketPublisher publisher, String instrumentId, List<OfflineBars.Print> prints)
            throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < prints.size(); i++) {
            sent.add(publisher.publishTrade(instrumentId, prints.get(i).json("t" + i)).toCompletableFuture());
        }
        for (CompletableFuture<Void> one : sent) {
            one.get(30, TimeUnit.SECONDS);
        }
    }

    /** The {@code [..]} arrays of a {@code {"candles":[[..],[..]]}} body, as text. */
    static List<String> arrays(String body) {
        int from = body.indexOf("\"candles\":[") + "\"candles\":[".length();
        List<String> out = new ArrayList<>();
        for (int open = body.indexOf('[', from); open >= 0; open = body.indexOf('[', open + 1)) {
            out.add(body.substring(open, body.indexOf(']', open) + 1));
        }
        return out;
    }
}
