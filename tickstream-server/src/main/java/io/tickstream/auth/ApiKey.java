package io.tickstream.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One configured API key: the secret (plain text for development, or its SHA-256 hex digest for
 * production) and the principal it authenticates. Immutable.
 */
public record ApiKey(String sha256Hex, Principal principal) {

    public static ApiKey plain(String secret, Principal principal) {
        return new ApiKey(sha256Hex(secret), principal);
    }

    public static ApiKey hashed(String sha256Hex, Principal principal) {
        if (!sha256Hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits");
        }
        return new ApiKey(sha256Hex.toLowerCase(Locale.ROOT), principal);
    }

    /** The digest of a credential that is an API key; null for a JWT. */
    public static String digestOf(String credential) {
        return credential == null || CompositeAuthenticator.looksLikeJws(credential) ? null : sha256Hex(credential);
    }

    public static String sha256Hex(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
