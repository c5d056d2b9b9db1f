package io.tickstream.bench.gateway;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Path;
import java.security.cert.CertificateException;

/**
 * The gateway's TLS in a {@code --tls} run: a self-signed certificate for {@code localhost}, made
 * at start, and the engine the gateway serves it with. Immutable.
 *
 * @param engine openssl or jdk
 */
public record BenchTls(Path certFile, Path keyFile, String engine) {

    /**
     * Makes the certificate (Netty signs it with Bouncy Castle). Fails when openssl is asked for
     * but does not load, since the gateway would then fall back to the JDK's engine unseen.
     */
    public static BenchTls selfSigned(String engine) {
        if (engine.equals("openssl") && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("--tls openssl: OpenSSL does not load here", OpenSsl.unavailabilityCause());
        }
        try {
            SelfSignedCertificate certificate = new SelfSignedCertificate();
            certificate.certificate().deleteOnExit();
            certificate.privateKey().deleteOnExit();
            return new BenchTls(certificate.certificate().toPath(), certificate.privateKey().toPath(), engine);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    public boolean openSsl() {
        return engine.equals("openssl");
    }
}
