package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayHttpTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway =
            GatewayExtension.inProcess(config -> config.pingInterval(Duration.ofMillis(300)));

    @Test
    void shouldAnswerHealthAndReadiness() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(get("/health"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ready = http.send(get("/ready"), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\":true");
        assertThat(http.send(get("/nothing-here"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerAMalformedRequestWithAnHttpErrorAndStayUp() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GARBAGE / NOT-HTTP\r\n\u0001\u0002\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 400");
        }
        assertThat(gateway.gateway().transportMeters().badHttpRequests()).isGreaterThanOrEqualTo(1);
        assertThat(HttpClient.newHttpClient().send(get("/health"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswerAnUpgradeWithoutWebSocketKeyWithAnHttpError() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /live/data/websocket/contract/name?contract_name=EURUSD HTTP/1.1\r\n"
                    + "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(reply).matches("HTTP/1.1 4\\d\\d");
        }
    }

    @Test
    void shouldPingClientsAndAnswerTheirPings() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pingsReceived() >= 2);
        client.sendPing();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pongsReceived() >= 1);
        assertThat(client.isClosed()).isFalse();
        client.close(1000, "done");
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + gateway.gateway().port() + path);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base(path)).timeout(Duration.ofSeconds(5)).build();
    }
}
