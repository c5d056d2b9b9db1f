package io.tickstream.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.bus.Bus;
import io.tickstream.transport.HttpHandler;
import io.tickstream.transport.HttpResponses;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (the process serves) and {@code /ready} (the bus is connected and the node is not
 * shutting down: 503 otherwise, so a load balancer sends new clients elsewhere). Stateless.
 */
public final class HealthRoutes {

    private HealthRoutes() {
    }

    /** @param draining whether the node is shutting down: it is no longer ready, whatever the bus */
    public static Map<String, HttpHandler> of(Bus bus, BooleanSupplier draining) {
        return Map.of(
                "/health", (request, uri) -> HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}"),
                "/ready", (FullHttpRequest request, QueryStringDecoder uri) -> ready(bus, draining));
    }

    private static FullHttpResponse ready(Bus bus, BooleanSupplier draining) {
        if (draining.getAsBoolean()) {
            return HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"ready\":false,\"draining\":true}");
        }
        boolean connected = bus.isConnected();
        return HttpResponses.json(connected ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"ready\":" + connected + ",\"bus\":\"" + (connected ? "connected" : "disconnected") + "\"}");
    }
}
