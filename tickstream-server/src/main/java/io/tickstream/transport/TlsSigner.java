package io.tickstream.transport;

import io.netty.handler.ssl.OpenSslPrivateKeyMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.net.ssl.SSLEngine;

/**
 * The server's handshake signature with an RSA key for OpenSSL, made with the JDK's providers. Given
 * to OpenSSL as its private-key method with tasks on, it turns the handshake's one costly step into a
 * delegated task, which the TLS stage runs on the handshake pool instead of the event loop. Only for
 * RSA: the JDK signs RSA-2048 in about 1 ms (BoringSSL 0.27 ms), worth moving; an ECDSA P-256
 * signature costs BoringSSL 18 us on the loop but the JDK 0.55 ms, so OpenSSL keeps those.
 * Immutable, thread-safe.
 */
final class TlsSigner implements OpenSslPrivateKeyMethod {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private static final Map<Integer, String> JDK_NAMES = Map.of(
            SSL_SIGN_RSA_PKCS1_SHA1, "SHA1withRSA",
            SSL_SIGN_RSA_PKCS1_SHA256, "SHA256withRSA",
            SSL_SIGN_RSA_PKCS1_SHA384, "SHA384withRSA",
            SSL_SIGN_RSA_PKCS1_SHA512, "SHA512withRSA");

    private final PrivateKey key;

    private TlsSigner(PrivateKey key) {
        this.key = key;
    }

    /**
     * A signer for the key in a PEM file, or null when the file holds no unencrypted PKCS#8 RSA key
     * (then OpenSSL signs by itself, on the event loop).
     *
     * @throws GeneralSecurityException when the key is not the one of the chain's first certificate
     */
    static TlsSigner of(Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
        TlsSigner signer = read(keyFile);
        if (signer != null) {
            signer.requireMatch(certFile);
        }
        return signer;
    }

    private static TlsSigner read(Path keyFile) {
        Matcher pem;
        try {
            pem = PKCS8.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!pem.find()) {
            return null;
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
        try {
            return new TlsSigner(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException notRsa) {
            return null;
        }
    }

    /** Signs a probe and checks it with the certificate's public key, as loading a key pair would. */
    private void requireMatch(Path certFile) throws IOException, GeneralSecurityException {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(certFile)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String algorithm = "SHA256withRSA";
        byte[] probe = "tickstream".getBytes(StandardCharsets.US_ASCII);
        Signature signing = Signature.getInstance(algorithm);
        signing.initSign(key);
        signing.update(probe);
        Signature checking = Signature.getInstance(algorithm);
        checking.initVerify(certificate.getPublicKey());
        checking.update(probe);
        if (!checking.verify(signing.sign())) {
            throw new GeneralSecurityException("the key does not belong to the certificate");
        }
    }

    @Override
    public byte[] sign(SSLEngine engine, int algorithm, byte[] input) throws GeneralSecurityException {
        Signature signature = signature(algorithm);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }

    @Override
    public byte[] decrypt(SSLEngine engine, byte[] input) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        return rsa.doFinal(input);
    }

    /** The JDK's signature for one of OpenSSL's algorithm numbers (not constants to Java, so no switch). */
    private static Signature signature(int algorithm) throws GeneralSecurityException {
        String name = JDK_NAMES.get(algorithm);
        if (name != null) {
            return Signature.getInstance(name);
        }
        if (algorithm == SSL_SIGN_RSA_PSS_RSAE_SHA256) {
            return pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
        }
        if (algorithm == SSL_SIGN_RSA_PSS_RSAE_SHA384) {
            return pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
        }
        if (algorithm == SSL_SIGN_RSA_PSS_RSAE_SHA512) {
            return pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
        }
        throw new GeneralSecurityException("signature algorithm " + algorithm + " is not offered");
    }

    private static Signature pss(String digest, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
        return signature;
    }
}
