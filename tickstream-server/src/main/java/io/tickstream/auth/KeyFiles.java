package io.tickstream.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JWT verification keys from PEM public key and JWKS files; stateless.
 * Accepts what {@link JwtSettings} accepts: RSA keys of at least 2048 bits and EC keys on P-256.
 * Every error is an {@link IllegalArgumentException} naming the file.
 */
public final class KeyFiles {

    static final int MIN_RSA_BITS = 2048;

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]*)-----END PUBLIC KEY-----");

    private KeyFiles() {
    }

    /** Reads one "BEGIN PUBLIC KEY" (X.509 SubjectPublicKeyInfo) block holding an RSA or EC P-256 key. */
    public static JWK readPem(Path file) {
        String text = read(file);
        Matcher block = PEM_BLOCK.matcher(text);
        if (!block.find()) {
            String hint = text.contains("PRIVATE KEY") ? "it holds a private key; give the public key"
                    : "expected a '-----BEGIN PUBLIC KEY-----' block, as 'openssl pkey -pubout' writes";
            throw new IllegalArgumentException("PEM file " + file + ": " + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM file " + file + ": the key is not valid base64", e);
        }
        try {
            return toJwk(decode(der));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON Web Key Set and keeps its RSA and EC P-256 signing keys (public parts only);
     * keys of other types or for encryption are skipped, but at least one must remain.
     */
    public static List<JWK> readJwks(Path file) {
        JWKSet set;
        try {
            set = JWKSet.parse(read(file));
        } catch (ParseException e) {
            throw new IllegalArgumentException("JWKS file " + file + " is not a valid JSON Web Key Set: "
                    + e.getMessage(), e);
        }
        List<JWK> keys = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            if (KeyUse.ENCRYPTION.equals(key.getKeyUse()) || !isSupported(key)) {
                continue;
            }
            try {
                keys.add(checked(key.toPublicJWK()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JWKS file " + file + ", key " + describe(key) + ": "
                        + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("JWKS file " + file + " holds no RSA or EC P-256 signing key");
        }
        return keys;
    }

    /** Converts an RSA (at least 2048 bits) or EC P-256 public key to a JWK without key id. */
    public static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return checked(new RSAKey.Builder(rsa).build());
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw new IllegalArgumentException("EC key on curve " + (curve == null ? "unknown" : curve)
                        + "; only P-256 (ES256) is supported");
            }
            return new ECKey.Builder(Curve.P_256, ec).build();
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm() + "; use RSA or EC P-256");
    }

    static JWK checked(JWK key) {
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA key of " + rsa.size() + " bits; at least "
                    + MIN_RSA_BITS + " are required");
        }
        if (!isSupported(key)) {
            throw new IllegalArgumentException("key " + describe(key) + " is neither RSA nor EC P-256");
        }
        if (key.isPrivate()) {
            throw new IllegalArgumentException("key " + describe(key) + " holds private parts; give the public key");
        }
        return key;
    }

    private static boolean isSupported(JWK key) {
        return key instanceof RSAKey || key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
    }

    private static PublicKey decode(byte[] der) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("not an RSA or EC public key");
    }

    private static String describe(JWK key) {
        return key.getKeyID() == null ? key.getKeyType().getValue() : "'" + key.getKeyID() + "'";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("key file " + file + " is not UTF-8 text (expected PEM or JSON)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }
}
