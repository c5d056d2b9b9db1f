package io.tickstream.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.bus.Bus;
import io.tickstream.transport.HttpHandler;
import io.tickstream.transport.HttpResponses;
import java.util.Map;

/**
 * {@code /health} (the process serves) and {@code /ready} (the bus is connected: 503 while it is
 * not, so a load balancer sends new clients elsewhere). Stateless.
 */
public final class HealthRoutes {

    private HealthRoutes() {
    }

    public static Map<String, HttpHandler> of(Bus bus) {
        return Map.of(
                "/health", (request, uri) -> HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}"),
                "/ready", (FullHttpRequest request, QueryStringDecoder uri) -> ready(bus));
    }

    private static FullHttpResponse ready(Bus bus) {
        boolean connected = bus.isConnected();
        return HttpResponses.json(connected ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"ready\":" + connected + ",\"bus\":\"" + (connected ? "connected" : "disconnected") + "\"}");
    }
}
