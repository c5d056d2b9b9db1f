package io.tickstream.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks the registered claims of a verified token; immutable, so thread-safe.
 * {@code exp} (required unless configured otherwise) and {@code nbf} within the clock skew;
 * {@code iat} not later than now and the skew; {@code exp} no further than the configured lifetime
 * and the skew from now, whatever {@code iat} claims; a non-blank {@code sub}, and the configured
 * {@code iss} and {@code aud}. Failures carry a short reason that quotes nothing from the token.
 */
final class JwtClaimsRules implements JWTClaimsSetVerifier<SecurityContext> {

    private final Clock clock;
    private final Duration skew;
    private final String issuer;
    private final String audience;
    private final boolean requireExp;
    private final Duration maxLifetime;

    JwtClaimsRules(Clock clock, JwtSettings settings) {
        this.requireExp = settings.requireExp();
        this.maxLifetime = settings.maxLifetime();
        this.clock = clock;
        this.skew = settings.clockSkew();
        this.issuer = settings.issuer();
        this.audience = settings.audience();
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null && requireExp) {
            throw new BadJWTException("no exp (jwt.requireExp)");
        }
        if (expires != null && !now.minus(skew).isBefore(expires.toInstant())) {
            throw new BadJWTException("expired");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && now.plus(skew).isBefore(issued.toInstant())) {
            throw new BadJWTException("issued in the future (iat)");
        }
        if (expires != null && maxLifetime != null
                && Duration.between(now, expires.toInstant()).compareTo(maxLifetime.plus(skew)) > 0) {
            throw new BadJWTException("valid for longer than jwt.maxLifetimeSeconds");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw new BadJWTException("not yet valid (nbf)");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new BadJWTException("missing sub");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new BadJWTException("wrong issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audience != null && !audiences.contains(audience)) {
            throw new BadJWTException("wrong audience");
        }
    }
}
