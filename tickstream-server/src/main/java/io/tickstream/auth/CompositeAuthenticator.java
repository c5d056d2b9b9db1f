package io.tickstream.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes each credential by its shape to the JWT or the API-key authenticator; thread-safe when they are.
 * One that looks like a compact JWS (see {@link #looksLikeJws}) goes to the JWT authenticator,
 * anything else to the API-key one; the other is never consulted.
 */
public final class CompositeAuthenticator implements Authenticator {

    private static final Pattern COMPACT_JWS = Pattern.compile("([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final Authenticator apiKeys;
    private final Authenticator jwt;

    public CompositeAuthenticator(Authenticator apiKeys, Authenticator jwt) {
        this.apiKeys = apiKeys;
        this.jwt = jwt;
    }

    /** The gateway's authenticator: API keys alone when JWTs are not configured, else both, routed by shape. */
    public static Authenticator of(ApiKeyAuthenticator apiKeys, Optional<JwtAuthenticator> jwt) {
        return jwt.<Authenticator>map(tokens -> new CompositeAuthenticator(apiKeys, tokens)).orElse(apiKeys);
    }

    @Override
    public Optional<Principal> authenticate(String credential) {
        return (looksLikeJws(credential) ? jwt : apiKeys).authenticate(credential);
    }

    /**
     * Whether a credential has the shape of a compact JWS: three base64url segments separated by two
     * dots (the last may be empty, as in an unsecured token), the first decoding to a JSON object
     * with an {@code "alg"} member. Says nothing about its validity.
     */
    public static boolean looksLikeJws(String credential) {
        if (credential == null) {
            return false;
        }
        Matcher segments = COMPACT_JWS.matcher(credential);
        if (!segments.matches()) {
            return false;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(segments.group(1));
            return JSONObjectUtils.parse(new String(header, StandardCharsets.UTF_8)).containsKey("alg");
        } catch (IllegalArgumentException | ParseException e) {
            return false;
        }
    }
}
