package io.tickstream.auth;

import static io.tickstream.auth.JwtFixtures.SECRET;
import static io.tickstream.auth.JwtFixtures.claims;
import static io.tickstream.auth.JwtFixtures.hs256;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeAuthenticatorTest {

    private static final Principal KEY_HOLDER = new Principal("keyholder", InstrumentScope.all(), true, 0);

    private final ApiKeyAuthenticator apiKeys = new ApiKeyAuthenticator(List.of(ApiKey.plain("dev-key", KEY_HOLDER)));
    private final JwtAuthenticator jwt = new JwtAuthenticator(JwtSettings.hs256(SECRET));

    @Test
    void shouldRouteApiKeyToKeyAuthenticatorWhenCredentialIsNotJws() {
        Authenticator authenticator = CompositeAuthenticator.of(apiKeys, Optional.of(jwt));

        assertThat(authenticator.authenticate("dev-key")).contains(KEY_HOLDER);
        assertThat(authenticator.authenticate("other-key")).isEmpty();
    }

    @Test
    void shouldRouteJwtToJwtAuthenticatorWhenCredentialIsCompactJws() throws Exception {
        Authenticator authenticator = CompositeAuthenticator.of(apiKeys, Optional.of(jwt));

        assertThat(authenticator.authenticate(hs256(SECRET, claims("alice").build())))
                .hasValueSatisfying(p -> assertThat(p.account()).isEqualTo("alice"));
    }

    @Test
    void shouldConsultOnlyOneAuthenticatorWhenRouting() throws Exception {
        List<String> keysSeen = new ArrayList<>();
        List<String> tokensSeen = new ArrayList<>();
        Authenticator authenticator = new CompositeAuthenticator(
                credential -> record(keysSeen, credential), credential -> record(tokensSeen, credential));
        String token = hs256(SECRET, claims("alice").build());
        String unsecured = JwtFixtures.unsecured(claims("alice").build());

        for (String credential : List.of("dev-key", "a.b.c", token, unsecured, "")) {
            authenticator.authenticate(credential);
        }
        authenticator.authenticate(null);

        assertThat(tokensSeen).containsExactly(token, unsecured);
        assertThat(keysSeen).containsExactly("dev-key", "a.b.c", "", null);
    }

    @Test
    void shouldUseApiKeysAloneWhenNoJwtIsConfigured() throws Exception {
        Authenticator authenticator = CompositeAuthenticator.of(apiKeys, Optional.empty());

        assertThat(authenticator).isSameAs(apiKeys);
        assertThat(authenticator.authenticate(hs256(SECRET, claims("alice").build()))).isEmpty();
    }

    @Test
    void shouldRecognizeJwsShapeWhenHeaderHasAlg() throws Exception {
        assertThat(CompositeAuthenticator.looksLikeJws(hs256(SECRET, claims("alice").build()))).isTrue();
        assertThat(CompositeAuthenticator.looksLikeJws("eyJhbGciOiJub25lIn0.e30.")).isTrue();
        assertThat(CompositeAuthenticator.looksLikeJws("e30.e30.c2ln")).isFalse();
        assertThat(CompositeAuthenticator.looksLikeJws("eyJhbGciOiJub25lIn0..sig")).isFalse();
        assertThat(CompositeAuthenticator.looksLikeJws("eyJhbGciOiJub25lIn0.e30.a.b")).isFalse();
        assertThat(CompositeAuthenticator.looksLikeJws("bm90IGpzb24.e30.c2ln")).isFalse();
        assertThat(CompositeAuthenticator.looksLikeJws("a.b.c")).isFalse();
        assertThat(CompositeAuthenticator.looksLikeJws("a+b.c/d.e=")).isFalse();
    }

    private static Optional<Principal> record(List<String> seen, String credential) {
        seen.add(credential);
        return Optional.empty();
    }
}
