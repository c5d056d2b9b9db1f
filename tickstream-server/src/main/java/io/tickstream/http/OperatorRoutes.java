package io.tickstream.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tickstream.hub.HubMeters;
import io.tickstream.hub.OutboxMeters;
import io.tickstream.metrics.DeliveryLatency;
import io.tickstream.metrics.PrometheusMetrics;
import io.tickstream.metrics.RateMeter;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.transport.ConnectionAdmission;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.HttpRoutes;
import io.tickstream.transport.TransportMeters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

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

    private final PrometheusMetrics prometheus;
    private final OperatorFigures figures;
    private final long startMillis = System.currentTimeMillis();

    public OperatorRoutes(PrometheusMetrics prometheus, OperatorFigures figures) {
        this.prometheus = prometheus;
        this.figures = figures;
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
        RateMeter.Rates perSecond = figures.rates().rates();
        DeliveryLatency.Percentiles window = figures.latency().window();
        HubMeters hub = figures.hub().meters();
        OutboxMeters outboxes = figures.hub().outboxMeters();
        SessionMeters sessions = figures.sessions();
        TransportMeters transport = figures.transport();
        ConnectionAdmission admission = figures.admission();
        return JsonBody.bytes(json -> {
            json.writeStartObject();
            json.writeNumberField("time", now);
            json.writeNumberField("uptimeSeconds", (now - startMillis) / 1000);
            json.writeObjectFieldStart("bus");
            json.writeStringField("kind", figures.busKind());
            json.writeBooleanField("connected", figures.bus().isConnected());
            json.writeEndObject();
            json.writeObjectFieldStart("connections");
            json.writeNumberField("total", sessions.open());
            for (Map.Entry<String, Integer> protocol : new TreeMap<>(sessions.openByProtocol()).entrySet()) {
                json.writeNumberField(protocol.getKey(), protocol.getValue());
            }
            json.writeNumberField("accepted", admission.open());
            json.writeNumberField("unauthenticated", admission.unauthenticated());
            json.writeEndObject();
            json.writeObjectFieldStart("eventLoops");
            json.writeNumberField("stalls", figures.watchdog().stalls());
            json.writeNumberField("stalledNow", figures.watchdog().stalledNow());
            json.writeEndObject();
            json.writeNumberField("subscriptions", hub.subscriptions());
            json.writeNumberField("activeInstruments", figures.hub().activeInstruments());
            json.writeNumberField("activeAccounts", figures.hub().activeAccounts());
            json.writeObjectFieldStart("perSecond");
            rate(json, "busMessages", perSecond.busMessages());
            rate(json, "framesOut", perSecond.framesOut());
            rate(json, "bytesOut", perSecond.bytesOut());
            rate(json, "conflatedFrames", perSecond.conflatedFrames());
            rate(json, "clientMessages", perSecond.clientMessages());
            json.writeEndObject();
            json.writeObjectFieldStart("totals");
            json.writeNumberField("busMessages", hub.busMessages());
            json.writeNumberField("framesOut", outboxes.framesOut());
            json.writeNumberField("bytesOut", outboxes.bytesOut());
            json.writeNumberField("conflatedFrames", outboxes.conflatedFrames());
            json.writeNumberField("slowConsumerDisconnects", outboxes.slowConsumerDisconnects());
            json.writeNumberField("authFailures", sessions.authFailures());
            json.writeNumberField("rateLimited", sessions.rateLimitedMessages());
            json.writeNumberField("malformedUpdates", hub.malformedUpdates());
            json.writeNumberField("heartbeatTimeouts", transport.heartbeatTimeouts());
            json.writeNumberField("connectionLimitRejects", sessions.connectionLimitRejects());
            long refused = 0;
            for (ConnectionAdmission.Refusal refusal : ConnectionAdmission.Refusal.values()) {
                refused += admission.refused(refusal);
            }
            json.writeNumberField("connectionsRefused", refused);
            json.writeNumberField("staleUpdates", hub.staleUpdates());
            json.writeNumberField("encodeFailures", hub.encodeFailures());
            json.writeNumberField("protocolViolations", transport.protocolViolations());
            json.writeNumberField("allocationFailures", transport.allocationFailures());
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
}
