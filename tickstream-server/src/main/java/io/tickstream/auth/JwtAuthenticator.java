package io.tickstream.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSAlgorithm.Family;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates signed JWTs (compact JWS) with nimbus-jose-jwt; thread-safe, its processor built once.
 * Only HS256 (with the secret), RS256 (RSA keys) and ES256 (EC P-256 keys) are accepted, each only
 * when such a key is configured. {@code exp} and {@code nbf} are enforced when present (with the
 * clock skew), {@code sub} is required and becomes the account; {@code instruments} (or the
 * configured claim), {@code privateEvents} and {@code maxConnections} shape the principal. A refused
 * token is logged at DEBUG with the reason only, never the token or a key.
 */
public final class JwtAuthenticator implements Authenticator {

    /** Longer credentials are refused unparsed. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);
    private static final Set<JWSAlgorithm> NAMED = Stream.of(Family.HMAC_SHA, Family.SIGNATURE)
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private final Set<JWSAlgorithm> algorithms;
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JwtClaimsPrincipal principals;

    public JwtAuthenticator(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtAuthenticator(JwtSettings settings, Clock clock) {
        List<JWK> keys = new ArrayList<>(settings.publicKeys());
        Set<JWSAlgorithm> permitted = new LinkedHashSet<>();
        if (settings.hs256Secret() != null) {
            keys.add(new OctetSequenceKey.Builder(settings.hs256Secret()).build());
            permitted.add(JWSAlgorithm.HS256);
        }
        if (keys.stream().anyMatch(RSAKey.class::isInstance)) {
            permitted.add(JWSAlgorithm.RS256);
        }
        if (keys.stream().anyMatch(ECKey.class::isInstance)) {
            permitted.add(JWSAlgorithm.ES256);
        }
        this.algorithms = Set.copyOf(permitted);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new VerificationKeys(keys)));
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWTClaimsSetVerifier(new JwtClaimsRules(clock, settings));
        this.principals = new JwtClaimsPrincipal(settings.instrumentsClaim());
    }

    /** The algorithms this authenticator accepts. */
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public Optional<Principal> authenticate(String credential) {
        if (credential == null || credential.isBlank()) {
            return refuse("empty credential");
        }
        if (credential.length() > MAX_TOKEN_CHARS) {
            return refuse("longer than " + MAX_TOKEN_CHARS + " characters");
        }
        try {
            JWT jwt = JWTParser.parse(credential);
            if (!(jwt instanceof SignedJWT signed)) {
                return refuse(jwt instanceof PlainJWT ? "unsupported algorithm none (unsecured token)"
                        : "encrypted tokens are not supported");
            }
            JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
            if (!algorithms.contains(algorithm)) {
                return refuse("unsupported algorithm" + (NAMED.contains(algorithm) ? " " + algorithm : ""));
            }
            if (!TYPES.getAllowedTypes().contains(signed.getHeader().getType())) {
                return refuse("unsupported typ");
            }
            signed.getJWTClaimsSet(); // malformed claims fail here, so each BadJWTException below is ours
            return Optional.of(principals.from(processor.process(signed, null)));
        } catch (ParseException e) {
            return refuse("malformed token");
        } catch (BadJWSException e) {
            return refuse("bad signature");
        } catch (BadJWTException e) {
            return refuse(e.getMessage());
        } catch (BadJOSEException e) {
            return refuse("no matching key");
        } catch (JOSEException | RuntimeException e) {
            return refuse("verification failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Optional<Principal> refuse(String reason) {
        log.debug("JWT refused: {}", reason);
        return Optional.empty();
    }
}
