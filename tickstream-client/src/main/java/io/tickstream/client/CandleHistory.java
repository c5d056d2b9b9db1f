package io.tickstream.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.client.message.Candle;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Reads bars from a gateway's {@code GET /api/candles} over HTTP, with the client's credential, at
 * the node the client uses ({@code ws://} becomes {@code http://}, {@code wss://} {@code https://}).
 * Thread-safe.
 */
final class CandleHistory {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Supplier<String> credential;

    CandleHistory(Supplier<String> credential) {
        this.credential = credential;
    }

    /** Completes with the bars oldest first, or with a {@link TickstreamException} carrying the gateway's error. */
    CompletableFuture<List<Candle>> read(URI node, String symbol, String interval, int limit, Long end) {
        String scheme = "wss".equals(node.getScheme()) ? "https" : "http";
        String query = "symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                + "&interval=" + URLEncoder.encode(interval, StandardCharsets.UTF_8)
                + "&limit=" + limit + (end == null ? "" : "&end=" + end);
        URI uri = URI.create(scheme + "://" + node.getRawAuthority() + "/api/candles?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + credential.get()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new TickstreamException("candles: " + response.statusCode() + " " + response.body());
                    }
                    return parse(response.body());
                });
    }

    /** The {@code candles} arrays of a {@code {"symbol":..,"interval":..,"candles":[[..],..]}} body. */
    static List<Candle> parse(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            List<Candle> candles = new ArrayList<>();
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "candles".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        candles.add(candle(parser));
                    }
                    return candles;
                }
            }
            throw new TickstreamException("candles: no candles in the answer");
        } catch (IOException e) {
            throw new TickstreamException("candles: unreadable answer: " + e.getMessage());
        }
    }

    private static Candle candle(JsonParser parser) throws IOException {
        List<String> fields = new ArrayList<>(7);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            fields.add(parser.getText());
        }
        if (fields.size() != 7) {
            throw new IOException("a candle has 7 fields, was " + fields);
        }
        return new Candle(Long.parseLong(fields.get(0)), new BigDecimal(fields.get(1)), new BigDecimal(fields.get(2)),
                new BigDecimal(fields.get(3)), new BigDecimal(fields.get(4)), new BigDecimal(fields.get(5)),
                Long.parseLong(fields.get(6)));
    }
}
