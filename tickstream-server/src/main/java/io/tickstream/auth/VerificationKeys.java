package io.tickstream.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Set;

/**
 * The fixed keys a token may be verified with; immutable, so thread-safe.
 * A key with a key id is offered only when the token names that {@code kid} or none; a key without
 * one (a PEM key, the HS256 secret) whatever the token's {@code kid}. Type, use and algorithm must
 * match either way.
 */
final class VerificationKeys implements JWKSource<SecurityContext> {

    private final List<JWK> keys;

    VerificationKeys(List<JWK> keys) {
        this.keys = List.copyOf(keys);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        JWKMatcher byKid = selector.getMatcher();
        JWKMatcher anyKid = new JWKMatcher.Builder(byKid).keyIDs((Set<String>) null).build();
        return keys.stream().filter(key -> (key.getKeyID() == null ? anyKid : byKid).matches(key)).toList();
    }
}
