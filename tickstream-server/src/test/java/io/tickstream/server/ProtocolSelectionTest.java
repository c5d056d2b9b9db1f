package io.tickstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.RawWebSocket;
import io.tickstream.testkit.SocketReads;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The configuration turns protocols and the dashboard on and off. */
class ProtocolSelectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldServeOnlyTheProtocolsLeftOnAndNoDashboardWhenItIsOff() throws Exception {
        gateway.restart(config -> config.protocol("compact", false).dashboard(false));
        int port = gateway.gateway().port();

        try (RawWebSocket compact = RawWebSocket.connect(port, "/compact")) {
            assertThat(compact.status()).isEqualTo(404);
        }
        try (RawWebSocket json = RawWebSocket.connect(port, "/")) {
            assertThat(json.status()).isEqualTo(101);
        }
        assertThat(get(port, "/")).startsWith("HTTP/1.1 404");
        assertThat(get(port, "/metrics")).contains("tickstream_connections{protocol=\"json\"}")
                .doesNotContain("protocol=\"compact\"");
    }

    @Test
    void shouldServeTheDashboardByDefault() throws Exception {
        assertThat(get(gateway.gateway().port(), "/")).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldRefuseToStartWithAProtocolThereIsNoneOf() {
        assertThatThrownBy(() -> GatewayFixture.start(GatewayFixture.config().protocol("fix", true).build(), gateway.bus()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocols.fix: no such protocol (compact, ime, json)");
    }

    private static String get(int port, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return SocketReads.untilClosed(socket, WAIT);
        }
    }
}
