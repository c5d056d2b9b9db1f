package io.tickstream.cli;

import io.tickstream.json.JsonTree;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tickstream candles SYMBOL --interval 1m}: prints an instrument's bars from a gateway's
 * {@code GET /api/candles}, oldest first, one line each. Runs on the main thread.
 */
@Command(name = "candles", mixinStandardHelpOptions = true,
        description = "Print an instrument's candles (OHLCV bars) from a gateway.")
final class CandlesCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "Instrument name or id.")
    private String symbol;

    @Option(names = "--interval", paramLabel = "I", defaultValue = "1m",
            description = "1s, 1m, 5m, 15m, 1h, 4h or 1d (default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "500", description = "At most N bars, up to 1000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--end", paramLabel = "MS", description = "Only bars starting at or before this epoch millisecond.")
    private Long end;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The gateway's HTTP address (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--token", paramLabel = "T", required = true, description = "Token or API key, sent as Authorization: Bearer T.")
    private String token;

    @Override
    public Integer call() throws Exception {
        String query = "symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&interval="
                + URLEncoder.encode(interval, StandardCharsets.UTF_8) + "&limit=" + limit + (end == null ? "" : "&end=" + end);
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/candles?" + query))
                .header("Authorization", "Bearer " + token).timeout(TIMEOUT).build();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Object body = JsonTree.parse(response.body());
        if (response.statusCode() != 200) {
            Object error = body instanceof Map<?, ?> map ? map.get("error") : response.body();
            spec.commandLine().getErr().println("tickstream candles: " + response.statusCode() + " " + error);
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("start open high low close volume trades");
        for (Object bar : (List<?>) ((Map<?, ?>) body).get("candles")) {
            List<?> fields = (List<?>) bar;
            StringBuilder line = new StringBuilder(Instant.ofEpochMilli(((BigDecimal) fields.get(0)).longValueExact()).toString());
            for (int i = 1; i < fields.size(); i++) {
                line.append(' ').append(((BigDecimal) fields.get(i)).toPlainString());
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
