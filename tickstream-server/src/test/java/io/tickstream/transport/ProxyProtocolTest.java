package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.testkit.SocketReads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Behind a TCP load balancer: the PROXY protocol header names the client that limits count. */
class ProxyProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String GET_HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .proxyProtocol(true)
            .serverLimits(ServerLimits.defaults().withRequestTimeout(Duration.ofSeconds(2)).withMaxUnauthenticated(100, 2)));

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void shouldServeARequestThatFollowsAVersion1Header() throws Exception {
        Socket client = send(v1("203.0.113.7") + GET_HEALTH);

        assertThat(readUntilClosed(client)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
    }

    @Test
    void shouldServeARequestThatFollowsAVersion2Header() throws Exception {
        Socket client = connect();
        client.getOutputStream().write(v2(new byte[] {(byte) 203, 0, 113, 7}, 56324));
        client.getOutputStream().write(GET_HEALTH.getBytes(StandardCharsets.US_ASCII));

        assertThat(readUntilClosed(client)).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldCountTheProxiedClientAgainstThePerAddressCapNotTheLoadBalancer() throws Exception {
        proxiedWebSocket("203.0.113.7");
        proxiedWebSocket("203.0.113.7");
        await().atMost(WAIT).until(() -> gateway.gateway().admission().unauthenticated() == 2);

        Socket third = send(v1("203.0.113.7") + GET_HEALTH);
        assertThat(readUntilClosed(third)).startsWith("HTTP/1.1 503")
                .contains("too many unauthenticated connections from this address");

        Socket other = send(v1("198.51.100.9") + GET_HEALTH);
        assertThat(readUntilClosed(other)).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldCloseAConnectionWithoutAHeader() throws Exception {
        Socket client = send(GET_HEALTH);

        assertThat(readUntilClosed(client)).doesNotContain("200");
    }

    @Test
    void shouldCloseAConnectionWhoseHeaderDoesNotArriveInTime() throws Exception {
        Socket silent = connect();

        assertThat(readUntilClosed(silent)).isEmpty();
    }

    /** A WebSocket through the balancer that stays unauthenticated (the JSON protocol waits 30 s for its auth). */
    private void proxiedWebSocket(String client) throws IOException {
        Socket socket = send(v1(client) + "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        socket.setSoTimeout((int) WAIT.toMillis());
        byte[] status = socket.getInputStream().readNBytes("HTTP/1.1 101".length());
        assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
    }

    private static String v1(String client) {
        return "PROXY TCP4 " + client + " 10.0.0.1 56324 8080\r\n";
    }

    /** A version 2 header: signature, PROXY over TCP/IPv4, source and destination address and port. */
    private static byte[] v2(byte[] source, int sourcePort) {
        byte[] signature = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(signature);
        header.write(0x21);
        header.write(0x11);
        header.write(0);
        header.write(12);
        header.writeBytes(source);
        header.writeBytes(new byte[] {10, 0, 0, 1});
        header.write(sourcePort >>> 8);
        header.write(sourcePort & 0xFF);
        header.write(8080 >>> 8);
        header.write(8080 & 0xFF);
        return header.toByteArray();
    }

    private Socket send(String text) throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.gateway().port());
        sockets.add(socket);
        return socket;
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return SocketReads.untilClosed(socket, WAIT);
    }
}
