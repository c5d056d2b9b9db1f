package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.tickstream.GatewayFixture;
import io.tickstream.bus.InProcessBus;
import io.tickstream.testkit.RawWebSocket;
import io.tickstream.testkit.SocketReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one port serving TLS, with a certificate made for the test, and a renewal without a restart. */
class TlsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final InProcessBus bus = new InProcessBus(GatewayFixture.CATALOG);
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        bus.close();
    }

    @Test
    void shouldServeHttpsAndWssAndUseARenewedCertificateWithoutARestart() throws Exception {
        X509Bundle first = localhost();
        Path cert = Files.writeString(dir.resolve("cert.pem"), first.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), first.getPrivateKeyPEM());
        gateway = GatewayFixture.start(GatewayFixture.config().tls(cert, key).build(), bus);
        int port = gateway.gateway().port();

        try (SSLSocket https = connect(first.getCertificate(), port)) {
            https.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(SocketReads.untilClosed(https, WAIT)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
        }
        try (RawWebSocket wss = RawWebSocket.over(connect(first.getCertificate(), port), "localhost:" + port, "/", "13", Map.of())) {
            assertThat(wss.status()).isEqualTo(101);
            assertThat(wss.read(WAIT).text()).contains("\"welcome\"");
        }

        X509Bundle renewed = localhost();
        Files.writeString(key, renewed.getPrivateKeyPEM());
        Files.writeString(cert, renewed.getCertificatePEM());

        await().atMost(WAIT).until(() -> presents(renewed.getCertificate(), port));
    }

    /** A self-signed certificate for localhost, its own CA as self-signing asks. */
    private static X509Bundle localhost() throws Exception {
        return new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).buildSelfSigned();
    }

    /** Whether the port presents {@code expected} now (a handshake trusting only it succeeds). */
    private static boolean presents(X509Certificate expected, int port) throws Exception {
        try (SSLSocket socket = connect(expected, port)) {
            socket.startHandshake();
            Certificate presented = socket.getSession().getPeerCertificates()[0];
            return presented.equals(expected);
        } catch (SSLHandshakeException stillTheOldOne) {
            return false;
        }
    }

    /** A TLS socket that trusts exactly {@code certificate}. */
    private static SSLSocket connect(X509Certificate certificate, int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }
}
