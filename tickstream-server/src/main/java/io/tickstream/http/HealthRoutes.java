package io.tickstream.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.readiness.BusReadiness;
import io.tickstream.transport.HttpHandler;
import io.tickstream.transport.HttpResponses;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (the process serves) and {@code /ready} (the bus is connected and answers in
 * time, and the node is not shutting down: 503 otherwise, so a load balancer sends new clients
 * elsewhere). Stateless.
 */
public final class HealthRoutes {

    private HealthRoutes() {
    }

    /** @param draining whether the node is shutting down: it is no longer ready, whatever the bus */
    public static Map<String, HttpHandler> of(BusReadiness bus, BooleanSupplier draining) {
        return Map.of(
                "/health", (request, uri) -> HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}"),
                "/ready", (FullHttpRequest request, QueryStringDecoder uri) -> ready(bus, draining));
    }

    private static FullHttpResponse ready(BusReadiness bus, BooleanSupplier draining) {
        if (draining.getAsBoolean()) {
            return HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"ready\":false,\"draining\":true}");
        }
        BusReadiness.State state = bus.state();
        boolean ready = state == BusReadiness.State.CONNECTED;
        return HttpResponses.json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"ready\":" + ready + ",\"bus\":\"" + state.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "\"}");
    }
}
