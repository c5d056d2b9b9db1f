package io.tickstream.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.transport.HttpHandler;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.HttpRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The web dashboard ({@code /}) and operator page ({@code /operator}) with their scripts and
 * styles under {@code /dashboard/}, read once from the classpath at start-up: only the files
 * listed here are served, so no path can reach anything else. Revalidated by ETag on each load;
 * {@code /api/demo} tells the dashboard the demo key in demo mode. Immutable, thread-safe.
 */
public final class DashboardRoutes {

    static final String DEMO = "/api/demo";
    private static final String RESOURCES = "io/tickstream/dashboard/";
    private static final String ASSETS = "/dashboard/";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/operator", "operator.html");
    private static final List<String> FILES = List.of("app.js", "candles.js", "chart.js", "connection.js", "format.js",
            "operator.js", "panels.js", "table.js", "style.css", "favicon.svg");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    /** Scripts, styles and sockets of this origin only; no framing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final String demoKey;

    /** @param demoKey the key offered in demo mode, or null */
    public DashboardRoutes(String demoKey) {
        this.demoKey = demoKey;
    }

    public void addTo(HttpRoutes.Builder routes) {
        PAGES.forEach((path, file) -> routes.get(path, asset(file)));
        FILES.forEach(file -> routes.get(ASSETS + file, asset(file)));
        routes.get(DEMO, (request, uri) -> demoKey == null
                ? HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not in demo mode")
                : JsonBody.ok(json -> {
                    json.writeStartObject();
                    json.writeStringField("demoKey", demoKey);
                    json.writeEndObject();
                }));
    }

    private static HttpHandler asset(String file) {
        byte[] body = load(file);
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        String etag = "\"" + HexFormat.of().formatHex(sha256(body), 0, 8) + "\"";
        return (FullHttpRequest request, QueryStringDecoder uri) -> {
            FullHttpResponse response;
            if (etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
                response = HttpResponses.of(HttpResponseStatus.NOT_MODIFIED, type, new byte[0]);
                response.headers().remove(HttpHeaderNames.CONTENT_TYPE).remove(HttpHeaderNames.CONTENT_LENGTH);
            } else {
                response = HttpResponses.of(HttpResponseStatus.OK, type, body);
            }
            response.headers()
                    .set(HttpHeaderNames.ETAG, etag)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer");
            if (file.endsWith(".html")) {
                response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            return response;
        };
    }

    private static byte[] load(String file) {
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing from the classpath: " + RESOURCES + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
