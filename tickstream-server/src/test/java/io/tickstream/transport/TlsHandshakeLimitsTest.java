package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.tickstream.GatewayFixture;
import io.tickstream.bus.InProcessBus;
import io.tickstream.testkit.SocketReads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS handshakes over real sockets: half-open ClientHellos (a connect, one ClientHello, silence)
 * hold handshake slots; one over the cap of its address or the total is closed before any answer,
 * while a client from elsewhere still gets in; a half-open one is closed after the handshake timeout.
 */
class TlsHandshakeLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** TLS record type of a handshake message: the first byte of a ServerHello. */
    private static final int HANDSHAKE_RECORD = 0x16;

    @TempDir
    Path dir;
    private final InProcessBus bus = new InProcessBus(GatewayFixture.CATALOG);
    private final List<Socket> sockets = new ArrayList<>();
    private GatewayFixture gateway;
    private X509Bundle certificate;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        bus.close();
    }

    @Test
    void shouldRefuseHandshakesOverThePerAddressAndTotalCapsAtOnceWhileAnotherClientStillConnects() throws Exception {
        start(new HandshakeLimits(Duration.ofSeconds(60), 5, 3, 1));
        for (int i = 0; i < 3; i++) {
            halfOpen("127.0.0.2");
        }

        assertClosedUnanswered(clientHello("127.0.0.2"));
        assertThat(health("127.0.0.3")).startsWith("HTTP/1.1 200");

        halfOpen("127.0.0.3");
        halfOpen("127.0.0.3");
        assertClosedUnanswered(clientHello("127.0.0.4"));

        for (Socket socket : sockets) {
            socket.close();
        }
        String metrics = await().atMost(WAIT).ignoreExceptions().until(() -> get("127.0.0.5", "/metrics"),
                page -> page.startsWith("HTTP/1.1 200"));
        assertThat(sample(metrics, "tickstream_tls_handshakes_refused_total{reason=\"address\"}")).isEqualTo(1.0);
        assertThat(sample(metrics, "tickstream_tls_handshakes_refused_total{reason=\"total\"}")).isEqualTo(1.0);
    }

    @Test
    void shouldCloseAHalfOpenClientHelloAfterTheHandshakeTimeout() throws Exception {
        start(new HandshakeLimits(Duration.ofMillis(300), 5, 3, 1));
        Socket silent = halfOpen("127.0.0.2");

        assertThat(SocketReads.untilClosed(silent, WAIT)).isNotNull();
        String metrics = get("127.0.0.3", "/metrics");
        assertThat(sample(metrics, "tickstream_tls_handshake_timeouts_total")).isEqualTo(1.0);
    }

    @Test
    void shouldServeAnRsaKeyWhoseSignaturesAreMadeOnTheHandshakeThreads() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .rsa2048().setIsCertificateAuthority(true).buildSelfSigned();
        start(certificate, new HandshakeLimits(Duration.ofSeconds(5), 5, 3, 1));

        for (int i = 0; i < 3; i++) {
            assertThat(health("127.0.0.2")).startsWith("HTTP/1.1 200");
        }
        assertThat(sample(get("127.0.0.2", "/metrics"), "tickstream_tls_handshakes_completed_total")).isEqualTo(4.0);
    }

    private void start(HandshakeLimits limits) throws Exception {
        start(new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .ecp256().setIsCertificateAuthority(true).buildSelfSigned(), limits);
    }

    private void start(X509Bundle certificate, HandshakeLimits limits) throws Exception {
        this.certificate = certificate;
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.getPrivateKeyPEM());
        gateway = GatewayFixture.start(GatewayFixture.config().tls(cert, key).handshakes(limits).build(), bus);
    }

    /** A ClientHello from {@code source}, answered by the server (so it holds a slot), and then silence. */
    private Socket halfOpen(String source) throws Exception {
        Socket socket = clientHello(source);
        assertThat(socket.getInputStream().read()).isEqualTo(HANDSHAKE_RECORD);
        return socket;
    }

    /** A TCP connection from {@code source} that has sent one ClientHello. */
    private Socket clientHello(String source) throws Exception {
        SSLEngine client = SSLContext.getDefault().createSSLEngine("localhost", gateway.gateway().port());
        client.setUseClientMode(true);
        client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.gateway().port()), (int) WAIT.toMillis());
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.getOutputStream().write(Arrays.copyOfRange(hello.array(), 0, hello.limit()));
        return socket;
    }

    /** The server closed the connection without a byte of a ServerHello (EOF or a reset). */
    private static void assertClosedUnanswered(Socket socket) {
        int first;
        try {
            InputStream in = socket.getInputStream();
            first = in.read();
        } catch (IOException reset) {
            first = -1;
        }
        assertThat(first).isEqualTo(-1);
    }

    private String health(String source) throws Exception {
        return get(source, "/health");
    }

    /** A whole HTTPS exchange from {@code source}, trusting the test's certificate only. */
    private String get(String source, String path) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", certificate.getCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(source, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", gateway.gateway().port()), (int) WAIT.toMillis());
        try (SSLSocket https = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost",
                gateway.gateway().port(), true)) {
            https.setSoTimeout((int) WAIT.toMillis());
            https.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return SocketReads.untilClosed(https, WAIT);
        }
    }

    private static double sample(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(line.group(1));
    }
}
