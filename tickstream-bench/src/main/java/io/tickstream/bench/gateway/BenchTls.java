package io.tickstream.bench.gateway;

import io.netty.handler.ssl.OpenSsl;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.File;
import java.nio.file.Path;

/**
 * The gateway's TLS in a {@code --tls} run: a self-signed certificate for {@code localhost}, made
 * at start, and the engine the gateway serves it with. Immutable.
 *
 * @param engine openssl or jdk
 */
public record BenchTls(Path certFile, Path keyFile, String engine) {

    /**
     * Makes the certificate (Netty's CertificateBuilder signs it with Bouncy Castle) in temporary
     * files removed at exit: RSA 2048 as Netty 4.1's SelfSignedCertificate made it, so that
     * handshake costs compare with earlier runs; ECDSA P-256, what the README advises, with the
     * system property {@value #KEY_PROPERTY}{@code =ec}. Fails when openssl is asked for but does not
     * load, since the gateway would then fall back to the JDK's engine unseen.
     */
    /** System property choosing the certificate's key: {@code ec} for ECDSA P-256, else RSA-2048. */
    public static final String KEY_PROPERTY = "tickstream.bench.tlsKey";

    public static BenchTls selfSigned(String engine) {
        if (engine.equals("openssl") && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("--tls openssl: OpenSSL does not load here", OpenSsl.unavailabilityCause());
        }
        try {
            CertificateBuilder builder = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost");
            builder = "ec".equals(System.getProperty(KEY_PROPERTY)) ? builder.ecp256() : builder.rsa2048();
            X509Bundle certificate = builder.setIsCertificateAuthority(true).buildSelfSigned();
            File cert = certificate.toTempCertChainPem();
            File key = certificate.toTempPrivateKeyPem();
            cert.deleteOnExit();
            key.deleteOnExit();
            return new BenchTls(cert.toPath(), key.toPath(), engine);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    public boolean openSsl() {
        return engine.equals("openssl");
    }
}
