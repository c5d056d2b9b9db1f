package io.tickstream.server;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketEvent;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node that shuts down tells its clients and closes them over a window, then is gone. */
class DrainTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldTellEveryClientToReconnectAndCloseItWith1012WithinTheWindow() throws Exception {
        WebSocketRecorder jsonClient = WebSocketRecorder.connect(gateway.uri("/"));
        jsonClient.nextText();
        jsonClient.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        jsonClient.awaitText(text -> text.contains("\"auth\""), WebSocketRecorder.DEFAULT_TIMEOUT);
        WebSocketRecorder imeClient = gateway.connect(gateway.byName("EURUSD"));
        WebSocketRecorder compactClient = WebSocketRecorder.connect(gateway.uri("/compact"));
        compactClient.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        compactClient.awaitText(text -> text.contains("authorized"), WebSocketRecorder.DEFAULT_TIMEOUT);

        CompletableFuture<Void> drained = gateway.gateway().drain(WINDOW);

        Map<String, Object> notice = json(jsonClient.awaitText(text -> text.contains("\"reconnect\""),
                WebSocketRecorder.DEFAULT_TIMEOUT));
        assertThat(notice).containsEntry("reason", "shutdown");
        assertThat((BigDecimal) notice.get("retryAfterMs")).isBetween(new BigDecimal(500), new BigDecimal(2500));
        for (WebSocketRecorder client : new WebSocketRecorder[] {jsonClient, imeClient, compactClient}) {
            WebSocketEvent.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1012);
            assertThat(close.reason()).isEqualTo("shutdown");
        }
        drained.get(WINDOW.toSeconds() + 10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerReadyWith503AndAcceptNoNewConnectionOnceDraining() throws Exception {
        try (Socket healthCheck = new Socket("127.0.0.1", gateway.gateway().port())) {
            assertThat(get(healthCheck, "/ready")).contains("200 OK");

            CompletableFuture<Void> drained = gateway.gateway().drain(WINDOW);

            assertThat(get(healthCheck, "/ready")).contains("503").contains("\"draining\":true");
            assertThatThrownBy(() -> new Socket("127.0.0.1", gateway.gateway().port()).close())
                    .isInstanceOf(ConnectException.class);
            drained.get(WINDOW.toSeconds() + 10, TimeUnit.SECONDS);
        }
    }

    /** One keep-alive request and its whole response (the routes answer with a Content-Length). */
    private static String get(Socket socket, String path) throws Exception {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed before the response: " + head);
            }
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
