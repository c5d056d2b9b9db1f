package io.tickstream.auth;

import com.nimbusds.jose.jwk.JWK;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How JWTs are verified and turned into principals; immutable. Build it with {@link #builder()}
 * or one of the factories.
 *
 * @param hs256Secret      the shared HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes, or null for none
 * @param publicKeys       RSA (RS256) and EC P-256 (ES256) public keys; one with a key id verifies only
 *                         tokens naming that {@code kid} or none, one without verifies any token
 * @param instrumentsClaim the claim that narrows the instruments: a list of globs, or one string of globs
 *                         separated by spaces or commas; when absent the token may read every instrument
 * @param issuer           the {@code iss} a token must carry, or null to accept any
 * @param audience         a value the token's {@code aud} must contain, or null to accept any
 * @param clockSkew        the tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param requireExp       whether a token without {@code exp} is refused (a session ends when its token does)
 * @param maxLifetime      the longest a token may still be valid when it is presented ({@code exp} less now, with
 *                         the clock skew's tolerance), whatever its {@code iat} claims, or null for no bound
 */
public record JwtSettings(byte[] hs256Secret, List<JWK> publicKeys, String instrumentsClaim,
                          String issuer, String audience, Duration clockSkew, boolean requireExp, Duration maxLifetime) {

    public static final int MIN_SECRET_BYTES = 32;
    public static final String DEFAULT_INSTRUMENTS_CLAIM = "instruments";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtSettings {
        if (hs256Secret != null && hs256Secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the HS256 secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits), was " + hs256Secret.length);
        }
        hs256Secret = hs256Secret == null ? null : hs256Secret.clone();
        publicKeys = publicKeys == null ? List.of() : publicKeys.stream().map(KeyFiles::checked).toList();
        if (hs256Secret == null && publicKeys.isEmpty()) {
            throw new IllegalArgumentException("JWT authentication needs an HS256 secret, a public key or a JWKS file");
        }
        instrumentsClaim = instrumentsClaim == null ? DEFAULT_INSTRUMENTS_CLAIM : instrumentsClaim;
        requireNonBlank("instrumentsClaim", instrumentsClaim);
        requireNonBlank("issuer", issuer);
        requireNonBlank("audience", audience);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative, was " + clockSkew);
        }
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw new IllegalArgumentException("jwt.maxLifetimeSeconds must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static JwtSettings hs256(byte[] secret) {
        return builder().hs256Secret(secret).build();
    }

    public static JwtSettings of(PublicKey key) {
        return builder().publicKey(key).build();
    }

    /** Settings verifying with the public key of a PEM file; see {@link KeyFiles#readPem}. */
    public static JwtSettings loadPem(Path pemFile) {
        return builder().publicKeyPem(pemFile).build();
    }

    /** Settings verifying with the keys of a JWKS file; see {@link KeyFiles#readJwks}. */
    public static JwtSettings loadJwks(Path jwksFile) {
        return builder().jwks(jwksFile).build();
    }

    @Override
    public byte[] hs256Secret() {
        return hs256Secret == null ? null : hs256Secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwtSettings that && Arrays.equals(hs256Secret, that.hs256Secret)
                && publicKeys.equals(that.publicKeys) && instrumentsClaim.equals(that.instrumentsClaim)
                && Objects.equals(issuer, that.issuer) && Objects.equals(audience, that.audience)
                && clockSkew.equals(that.clockSkew) && requireExp == that.requireExp
                && Objects.equals(maxLifetime, that.maxLifetime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(hs256Secret), publicKeys, instrumentsClaim, issuer, audience, clockSkew,
                requireExp, maxLifetime);
    }

    @Override
    public String toString() {
        return "JwtSettings[hs256=" + (hs256Secret != null) + ", publicKeys=" + publicKeys.size()
                + ", instrumentsClaim=" + instrumentsClaim + ", issuer=" + issuer + ", audience=" + audience
                + ", clockSkew=" + clockSkew + ", requireExp=" + requireExp + ", maxLifetime=" + maxLifetime + "]";
    }

    private static void requireNonBlank(String name, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Collects {@link JwtSettings}; key files are read as soon as they are named. Not thread-safe. */
    public static final class Builder {

        private byte[] hs256Secret;
        private final List<JWK> publicKeys = new ArrayList<>();
        private String instrumentsClaim = DEFAULT_INSTRUMENTS_CLAIM;
        private String issuer;
        private String audience;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private boolean requireExp = true;
        private Duration maxLifetime;

        private Builder() {
        }

        public Builder hs256Secret(byte[] secret) {
            this.hs256Secret = secret;
            return this;
        }

        /** The secret as UTF-8 text. */
        public Builder hs256Secret(String secret) {
            return hs256Secret(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
        }

        public Builder publicKey(PublicKey key) {
            return publicKey(KeyFiles.toJwk(key));
        }

        public Builder publicKey(JWK key) {
            publicKeys.add(key);
            return this;
        }

        public Builder publicKeyPem(Path pemFile) {
            return publicKey(KeyFiles.readPem(pemFile));
        }

        public Builder jwks(Path jwksFile) {
            publicKeys.addAll(KeyFiles.readJwks(jwksFile));
            return this;
        }

        public Builder instrumentsClaim(String claim) {
            this.instrumentsClaim = claim;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        /** Whether a token without {@code exp} is refused; true unless turned off. */
        public Builder requireExp(boolean value) {
            this.requireExp = value;
            return this;
        }

        public Builder maxLifetime(Duration value) {
            this.maxLifetime = value;
            return this;
        }

        public JwtSettings build() {
            return new JwtSettings(hs256Secret, publicKeys, instrumentsClaim, issuer, audience, clockSkew, requireExp,
                    maxLifetime);
        }
    }
}
