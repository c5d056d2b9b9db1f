package io.tickstream.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tickstream.bus.Bus;
import io.tickstream.hub.Hub;
import io.tickstream.metrics.DeliveryLatency;
import io.tickstream.metrics.GatewayMetrics;
import io.tickstream.metrics.PrometheusMetrics;
import io.tickstream.metrics.RateMeter;
import io.tickstream.transport.ConnectionAdmission;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.LoopWatchdog;
import io.tickstream.transport.HttpRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operators' figures, unauthenticated like {@code /health} (counts and rates, never market
 * data or accounts): {@code /metrics} in the Prometheus text format (OpenMetrics when the scraper
 * asks for it) and {@code /api/stats}, the JSON the operator page polls. Thread-safe.
 */
public final class OperatorRoutes {

    static final String METRICS = "/metrics";
    static final String STATS = "/api/stats";
    /** How old the figures served may be. */
    static final long REFRESH_MILLIS = 500;

    private final GatewayMetrics metrics;
    private final PrometheusMetrics prometheus;
    private final DeliveryLatency latency;
    private final RateMeter rates;
    private final Bus bus;
    private final Hub hub;
    private final String busKind;
    private final ConnectionAdmission admission;
    private final LoopWatchdog watchdog;
    private final long startMillis = System.currentTimeMillis();

    public OperatorRoutes(GatewayMetrics metrics, PrometheusMetrics prometheus, DeliveryLatency latency, RateMeter rates,
                   Bus bus, Hub hub, String busKind, ConnectionAdmission admission, LoopWatchdog watchdog) {
        this.metrics = metrics;
        this.prometheus = prometheus;
        this.latency = latency;
        this.rates = rates;
        this.bus = bus;
        this.hub = hub;
        this.busKind = busKind;
        this.admission = admission;
        this.watchdog = watchdog;
    }

    /**
     * Adds {@code /metrics} and {@code /api/stats}. Both are made on {@code operatorThread}, never
     * on an event loop, and at most once per {@value #REFRESH_MILLIS} ms: a client asking in a loop
     * costs one scrape per interval, not one per request.
     */
    public void addTo(HttpRoutes.Builder routes, Executor operatorThread) {
        SharedFigures text = scrape(PrometheusMetrics.CONTENT_TYPE, operatorThread);
        SharedFigures openMetrics = scrape(PrometheusMetrics.OPENMETRICS_CONTENT_TYPE, operatorThread);
        SharedFigures stats = new SharedFigures(this::stats, operatorThread, REFRESH_MILLIS);
        routes.getAsync(METRICS, (channel, request, uri) -> {
            boolean open = request.headers().get(HttpHeaderNames.ACCEPT, "").contains("application/openmetrics-text");
            String type = open ? PrometheusMetrics.OPENMETRICS_CONTENT_TYPE : PrometheusMetrics.CONTENT_TYPE;
            return (open ? openMetrics : text).get().thenApply(body -> HttpResponses.of(HttpResponseStatus.OK, type, body));
        });
        routes.getAsync(STATS, (channel, request, uri) -> stats.get()
                .thenApply(body -> HttpResponses.of(HttpResponseStatus.OK, HttpResponses.JSON, body)));
    }

    private SharedFigures scrape(String contentType, Executor operatorThread) {
        return new SharedFigures(() -> prometheus.scrape(contentType).getBytes(StandardCharsets.UTF_8), operatorThread,
                REFRESH_MILLIS);
    }

    private byte[] stats() {
        long now = System.currentTimeMillis();
        RateMeter.Rates perSecond = rates.rates();
        DeliveryLatency.Percentiles window = latency.window();
        return JsonBody.bytes(json -> {
            json.writeStartObject();
            json.writeNumberField("time", now);
            json.writeNumberField("uptimeSeconds", (now - startMillis) / 1000);
            json.writeObjectFieldStart("bus");
            json.writeStringField("kind", busKind);
            json.writeBooleanField("connected", bus.isConnected());
            json.writeEndObject();
            json.writeObjectFieldStart("connections");
            json.writeNumberField("total", metrics.openConnections.get());
            Map<String, AtomicInteger> byProtocol = new TreeMap<>(metrics.connectionsByProtocol());
            for (Map.Entry<String, AtomicInteger> protocol : byProtocol.entrySet()) {
                json.writeNumberField(protocol.getKey(), protocol.getValue().get());
            }
            json.writeNumberField("accepted", admission.open());
            json.writeNumberField("unauthenticated", admission.unauthenticated());
            json.writeEndObject();
            json.writeObjectFieldStart("eventLoops");
            json.writeNumberField("stalls", watchdog.stalls());
            json.writeNumberField("stalledNow", watchdog.stalledNow());
            json.writeEndObject();
            json.writeNumberField("subscriptions", metrics.subscriptions.get());
            json.writeNumberField("activeInstruments", hub.activeInstruments());
            json.writeNumberField("activeAccounts", hub.activeAccounts());
            json.writeObjectFieldStart("perSecond");
            rate(json, "busMessages", perSecond.busMessages());
            rate(json, "framesOut", perSecond.framesOut());
            rate(json, "bytesOut", perSecond.bytesOut());
            rate(json, "conflatedFrames", perSecond.conflatedFrames());
            rate(json, "clientMessages", perSecond.clientMessages());
            json.writeEndObject();
            json.writeObjectFieldStart("totals");
            total(json, "busMessages", metrics.busMessages);
            total(json, "framesOut", metrics.framesOut);
            total(json, "bytesOut", metrics.bytesOut);
            total(json, "conflatedFrames", metrics.conflatedFrames);
            total(json, "slowConsumerDisconnects", metrics.slowConsumerDisconnects);
            total(json, "authFailures", metrics.authFailures);
            total(json, "rateLimited", metrics.rateLimited);
            total(json, "malformedUpdates", metrics.malformedUpdates);
            total(json, "heartbeatTimeouts", metrics.heartbeatTimeouts);
            total(json, "connectionLimitRejects", metrics.connectionLimitRejects);
            long refused = 0;
            for (ConnectionAdmission.Refusal refusal : ConnectionAdmission.Refusal.values()) {
                refused += admission.refused(refusal);
            }
            json.writeNumberField("connectionsRefused", refused);
            total(json, "staleUpdates", metrics.staleUpdates);
            total(json, "encodeFailures", metrics.encodeFailures);
            total(json, "protocolViolations", metrics.protocolViolations);
            total(json, "allocationFailures", metrics.allocationFailures);
            json.writeEndObject();
            json.writeObjectFieldStart("latencyMicros");
            json.writeNumberField("windowSeconds", DeliveryLatency.WINDOW_SECONDS);
            json.writeNumberField("count", window.count());
            json.writeNumberField("p50", window.p50());
            json.writeNumberField("p90", window.p90());
            json.writeNumberField("p99", window.p99());
            json.writeNumberField("p999", window.p999());
            json.writeNumberField("max", window.max());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void rate(JsonGenerator json, String name, double perSecond) throws IOException {
        json.writeNumberField(name, Math.round(perSecond * 10) / 10.0);
    }

    private static void total(JsonGenerator json, String name, LongAdder adder) throws IOException {
        json.writeNumberField(name, adder.sum());
    }
}
