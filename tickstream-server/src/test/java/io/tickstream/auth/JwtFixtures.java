package io.tickstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Keys, key files and signed tokens for the JWT tests; the keys are generated once per JVM. */
final class JwtFixtures {

    static final byte[] SECRET = "a-shared-hs256-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final RSAKey RSA = generateRsa("rsa-1");
    static final RSAKey OTHER_RSA = generateRsa("rsa-2");
    static final ECKey EC = generateEc();

    private JwtFixtures() {
    }

    /** Claims for {@code sub} valid from a minute ago for five minutes. */
    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String hs256(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        return sign(new MACSigner(secret), new JWSHeader(JWSAlgorithm.HS256), claims);
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return sign(new RSASSASigner(key), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims);
    }

    static String es256(ECKey key, JWTClaimsSet claims) throws JOSEException {
        return sign(new ECDSASigner(key), new JWSHeader(JWSAlgorithm.ES256), claims);
    }

    /** An unsecured token, written by hand since no signer makes one. */
    static String unsecured(JWTClaimsSet claims) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return base64url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static Path writePem(Path file, PublicKey key) throws IOException {
        return Files.writeString(file, pem(key));
    }

    static String pem(PublicKey key) {
        byte[] lineSeparator = "\n".getBytes(StandardCharsets.US_ASCII);
        String body = Base64.getMimeEncoder(64, lineSeparator).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    static Path writeJwks(Path file, JWK... keys) throws IOException {
        return Files.writeString(file, new JWKSet(List.of(keys)).toString(false));
    }

    private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
