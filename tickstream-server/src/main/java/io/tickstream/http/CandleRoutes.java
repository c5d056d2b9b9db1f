package io.tickstream.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.Principal;
import io.tickstream.bus.Bus;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.HttpRoutes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/candles?symbol=&interval=&limit=&end=} (SPEC §12): an instrument's bars read from
 * the bus, oldest first, the open bar last; {@code end} (epoch ms, inclusive) pages back. Bearer
 * credentials and scope as the instrument API: an instrument outside the scope is 404 like an
 * unknown one. A bad parameter is a 400 naming it, counted as a client error. Thread-safe.
 */
public final class CandleRoutes {

    static final String PATH = "/api/candles";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1_000;
    private static final long TIMEOUT_SECONDS = 5;

    private final BearerAuth auth;
    private final SessionMeters meters;
    private final CatalogRefresher catalog;
    private final Bus bus;

    public CandleRoutes(Authenticator authenticator, SessionMeters meters, CatalogRefresher catalog, Bus bus) {
        this.auth = new BearerAuth(authenticator, meters);
        this.meters = meters;
        this.catalog = catalog;
        this.bus = bus;
    }

    public void addTo(HttpRoutes.Builder routes) {
        routes.getAsync(PATH, this::candles);
    }

    /** What a request asks for, once its parameters are valid. */
    private record Query(String symbol, CandleInterval interval, int limit, long end) {
    }

    private CompletionStage<FullHttpResponse> candles(Channel channel, FullHttpRequest request, QueryStringDecoder uri) {
        Optional<Principal> principal = auth.authenticate(channel, request);
        if (principal.isEmpty()) {
            return CompletableFuture.completedFuture(BearerAuth.unauthorized());
        }
        Query query;
        try {
            query = parse(uri);
        } catch (IllegalArgumentException e) {
            meters.clientError();
            return CompletableFuture.completedFuture(HttpResponses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
        return InstrumentLookup.find(catalog, query.symbol(), principal.get()).thenCompose(instrument -> {
            if (instrument.isEmpty()) {
                return CompletableFuture.completedFuture(
                        HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown instrument"));
            }
            return bus.candles(instrument.get().id(), query.interval(), query.end(), query.limit())
                    .thenApply(bars -> JsonBody.ok(json -> write(json, instrument.get(), query.interval(), bars)))
                    .exceptionally(failure -> HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "the bus could not be read"))
                    .toCompletableFuture()
                    .completeOnTimeout(HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "the bus did not answer in time"), TIMEOUT_SECONDS, TimeUnit.SECONDS);
        });
    }

    private static Query parse(QueryStringDecoder uri) {
        String symbol = single(uri, "symbol");
        if (symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("symbol is required");
        }
        String label = single(uri, "interval");
        CandleInterval interval = label == null ? null : CandleInterval.byLabel(label);
        if (interval == null) {
            throw new IllegalArgumentException((label == null ? "interval is required" : "unknown interval '" + label + "'")
                    + " (one of " + CandleInterval.labels() + ")");
        }
        long limit = number(uri, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        long end = number(uri, "end", Long.MAX_VALUE);
        if (end < 0) {
            throw new IllegalArgumentException("end must be epoch milliseconds, was " + end);
        }
        return new Query(symbol, interval, (int) limit, end);
    }

    private static String single(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " is given more than once");
        }
        return values.get(0);
    }

    private static long number(QueryStringDecoder uri, String name, long fallback) {
        String text = single(uri, name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + text + "'");
        }
    }

    private static void write(JsonGenerator json, Instrument instrument, CandleInterval interval, List<Bar> bars)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("symbol", instrument.name());
        json.writeStringField("interval", interval.label());
        json.writeArrayFieldStart("candles");
        for (Bar bar : bars) {
            json.writeStartArray();
            json.writeNumber(bar.start());
            json.writeNumber(bar.open().toPlainString());
            json.writeNumber(bar.high().toPlainString());
            json.writeNumber(bar.low().toPlainString());
            json.writeNumber(bar.close().toPlainString());
            json.writeNumber(bar.volume().toPlainString());
            json.writeNumber(bar.trades());
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
