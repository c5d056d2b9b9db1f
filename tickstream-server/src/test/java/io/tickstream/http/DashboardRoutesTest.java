package io.tickstream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DashboardRoutesTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeThePagesAndAssetsWithTheirTypesAndRevalidateByEtag() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<title>Tickstream · Market</title>").doesNotContain("http://", "https://");
        String etag = page.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        assertThat(get("/operator", null).body()).contains("<title>Tickstream · Operator</title>");
        HttpResponse<String> script = get("/dashboard/app.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/dashboard/style.css", null).headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/dashboard/favicon.svg", null).headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void shouldAnswer404ForUnknownAssetsAndAnyPathOutsideThem() throws Exception {
        assertThat(get("/dashboard/nope.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/", null).statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/..%2F..%2Fpom.xml", null).statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/%2e%2e/%2e%2e/pom.xml", null).statusCode()).isEqualTo(404);
        assertThat(get("/index.html", null).statusCode()).isEqualTo(404);
        assertThat(rawStatusLine("GET /dashboard/../../../../etc/passwd HTTP/1.1")).startsWith("HTTP/1.1 404");
    }

    @Test
    void shouldTellTheDemoKeyOnlyInDemoMode() throws Exception {
        assertThat(get("/api/demo", null).statusCode()).isEqualTo(404);

        gateway.restart(config -> config.demoKey(GatewayFixture.KEY));
        HttpResponse<String> demo = get("/api/demo", null);
        assertThat(demo.statusCode()).isEqualTo(200);
        assertThat(demo.body()).isEqualTo("{\"demoKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(demo.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.gateway().port() + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawStatusLine(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(15), StandardCharsets.US_ASCII);
        }
    }
}
