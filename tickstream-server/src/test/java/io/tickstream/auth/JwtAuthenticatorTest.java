package io.tickstream.auth;

import static io.tickstream.auth.JwtFixtures.EC;
import static io.tickstream.auth.JwtFixtures.OTHER_RSA;
import static io.tickstream.auth.JwtFixtures.RSA;
import static io.tickstream.auth.JwtFixtures.SECRET;
import static io.tickstream.auth.JwtFixtures.claims;
import static io.tickstream.auth.JwtFixtures.es256;
import static io.tickstream.auth.JwtFixtures.hs256;
import static io.tickstream.auth.JwtFixtures.rs256;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tickstream.instrument.Instrument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class JwtAuthenticatorTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final Instrument GOLD = new Instrument("2", "XAUUSD");

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(JwtAuthenticator.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    private static JwtAuthenticator hs256Authenticator() {
        return new JwtAuthenticator(JwtSettings.hs256(SECRET));
    }

    private JwtAuthenticator rsaPemAuthenticator() throws Exception {
        Path pem = JwtFixtures.writePem(dir.resolve("rsa.pem"), RSA.toPublicKey());
        return new JwtAuthenticator(JwtSettings.loadPem(pem));
    }

    private String lastReason() {
        return logged.list.get(logged.list.size() - 1).getFormattedMessage();
    }

    @Test
    void shouldAcceptHs256TokenWhenSecretMatches() throws Exception {
        Optional<Principal> principal = hs256Authenticator().authenticate(hs256(SECRET, claims("alice").build()));

        assertThat(principal).hasValueSatisfying(p -> assertThat(p.account()).isEqualTo("alice"));
    }

    @Test
    void shouldAcceptRs256TokenWhenPemHoldsItsKey() throws Exception {
        assertThat(rsaPemAuthenticator().authenticate(rs256(RSA, claims("bob").build())))
                .hasValueSatisfying(p -> assertThat(p.account()).isEqualTo("bob"));
    }

    @Test
    void shouldAcceptEs256TokenWhenPemHoldsItsKey() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(
                JwtSettings.loadPem(JwtFixtures.writePem(dir.resolve("ec.pem"), EC.toPublicKey())));

        assertThat(authenticator.authenticate(es256(EC, claims("carol").build())))
                .hasValueSatisfying(p -> assertThat(p.account()).isEqualTo("carol"));
    }

    @Test
    void shouldSelectKeyByKidWhenJwksHoldsSeveralKeys() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(
                JwtSettings.loadJwks(JwtFixtures.writeJwks(dir.resolve("keys.json"), RSA, OTHER_RSA, EC)));

        assertThat(authenticator.authenticate(rs256(RSA, claims("dave").build()))).isPresent();
        assertThat(authenticator.authenticate(rs256(OTHER_RSA, claims("erin").build())))
                .hasValueSatisfying(p -> assertThat(p.account()).isEqualTo("erin"));
        assertThat(authenticator.authenticate(es256(EC, claims("frank").build()))).isPresent();
    }

    @Test
    void shouldRefuseTokenWhenItsKidNamesAnotherKey() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(
                JwtSettings.loadJwks(JwtFixtures.writeJwks(dir.resolve("keys.json"), RSA)));
        RSAKey impostor = new RSAKey.Builder(OTHER_RSA).keyID(RSA.getKeyID()).build();

        assertThat(authenticator.authenticate(rs256(impostor, claims("mallory").build()))).isEmpty();
        assertThat(authenticator.authenticate(rs256(OTHER_RSA, claims("mallory").build()))).isEmpty();
        assertThat(lastReason()).contains("no matching key");
    }

    @Test
    void shouldMapClaimsToPrincipalWhenTokenIsValid() throws Exception {
        String token = hs256(SECRET, claims("alice").claim("privateEvents", false).claim("maxConnections", 3).build());

        Principal principal = hs256Authenticator().authenticate(token).orElseThrow();

        assertThat(principal.account()).isEqualTo("alice");
        assertThat(principal.privateEvents()).isFalse();
        assertThat(principal.maxConnections()).isEqualTo(3);
        assertThat(principal.mayRead(EURUSD)).isTrue();
        assertThat(principal.mayRead(GOLD)).isTrue();
    }

    @Test
    void shouldGrantDefaultsWhenOptionalClaimsAreAbsent() throws Exception {
        Principal principal = hs256Authenticator().authenticate(hs256(SECRET, claims("alice").build())).orElseThrow();

        assertThat(principal.privateEvents()).isTrue();
        assertThat(principal.maxConnections()).isZero();
        assertThat(principal.instruments()).isSameAs(InstrumentScope.all());
    }

    @Test
    void shouldNarrowInstrumentsWhenClaimListsGlobs() throws Exception {
        String token = hs256(SECRET, claims("alice").claim("instruments", List.of("EUR*", "GBP*")).build());

        Principal principal = hs256Authenticator().authenticate(token).orElseThrow();

        assertThat(principal.mayRead(EURUSD)).isTrue();
        assertThat(principal.mayRead(GOLD)).isFalse();
    }

    @Test
    void shouldNarrowInstrumentsWhenClaimIsSeparatedString() throws Exception {
        String token = hs256(SECRET, claims("alice").claim("instruments", "GBP*, XAU* ").build());

        Principal principal = hs256Authenticator().authenticate(token).orElseThrow();

        assertThat(principal.instruments().globs()).containsExactly("GBP*", "XAU*");
        assertThat(principal.mayRead(EURUSD)).isFalse();
        assertThat(principal.mayRead(GOLD)).isTrue();
    }

    @Test
    void shouldReadConfiguredClaimWhenInstrumentsClaimIsRenamed() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(
                JwtSettings.builder().hs256Secret(SECRET).instrumentsClaim("md/symbols").build());
        String token = hs256(SECRET, claims("alice").claim("md/symbols", List.of("XAU*"))
                .claim("instruments", List.of("EUR*")).build());

        Principal principal = authenticator.authenticate(token).orElseThrow();

        assertThat(principal.mayRead(EURUSD)).isFalse();
        assertThat(principal.mayRead(GOLD)).isTrue();
    }

    @Test
    void shouldRefuseTokenWhenExpired() throws Exception {
        Instant now = Instant.now();
        String token = hs256(SECRET, claims("alice").expirationTime(Date.from(now.minusSeconds(60))).build());

        assertThat(hs256Authenticator().authenticate(token)).isEmpty();
        assertThat(lastReason()).isEqualTo("JWT refused: expired");
    }

    @Test
    void shouldAcceptTokenWhenExpiredWithinClockSkew() throws Exception {
        String token = hs256(SECRET, claims("alice").expirationTime(Date.from(Instant.now().minusSeconds(10))).build());

        assertThat(hs256Authenticator().authenticate(token)).isPresent();
        JwtAuthenticator strict = new JwtAuthenticator(
                JwtSettings.builder().hs256Secret(SECRET).clockSkew(Duration.ZERO).build());
        assertThat(strict.authenticate(token)).isEmpty();
    }

    @Test
    void shouldRefuseTokenWhenNotYetValid() throws Exception {
        String token = hs256(SECRET, claims("alice").notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build());

        assertThat(hs256Authenticator().authenticate(token)).isEmpty();
        assertThat(lastReason()).contains("not yet valid");
    }

    @Test
    void shouldRefuseTokenWhenSignedWithAnotherKey() throws Exception {
        byte[] otherSecret = "another-secret-that-is-also-32-bytes-long".getBytes(StandardCharsets.UTF_8);

        assertThat(hs256Authenticator().authenticate(hs256(otherSecret, claims("alice").build()))).isEmpty();
        assertThat(lastReason()).contains("bad signature");
        RSAKey unnamed = new RSAKey.Builder(OTHER_RSA).keyID(null).build();
        assertThat(rsaPemAuthenticator().authenticate(rs256(unnamed, claims("alice").build()))).isEmpty();
        assertThat(lastReason()).contains("bad signature");
    }

    @Test
    void shouldRefuseTokenWhenAlgIsNone() throws Exception {
        String token = JwtFixtures.unsecured(claims("alice").build());

        assertThat(hs256Authenticator().authenticate(token)).isEmpty();
        assertThat(rsaPemAuthenticator().authenticate(token)).isEmpty();
        assertThat(lastReason()).contains("unsupported algorithm none");
    }

    @Test
    void shouldRefuseHs256TokenWhenOnlyRsaKeyIsConfigured() throws Exception {
        JwtAuthenticator authenticator = rsaPemAuthenticator();
        String pem = JwtFixtures.pem(RSA.toPublicKey());
        for (byte[] confusedSecret : List.of(RSA.toPublicKey().getEncoded(), pem.getBytes(StandardCharsets.US_ASCII))) {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("mallory").build());
            token.sign(new MACSigner(confusedSecret));

            assertThat(authenticator.authenticate(token.serialize())).isEmpty();
            assertThat(lastReason()).isEqualTo("JWT refused: unsupported algorithm HS256");
        }
    }

    @Test
    void shouldRefuseRsaKeyedHs256TokenWhenSecretAndRsaKeyAreBothConfigured() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(
                JwtSettings.builder().hs256Secret(SECRET).publicKey(RSA.toPublicKey()).build());
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("mallory").build());
        token.sign(new MACSigner(RSA.toPublicKey().getEncoded()));

        assertThat(authenticator.authenticate(token.serialize())).isEmpty();
        assertThat(lastReason()).isEqualTo("JWT refused: bad signature");
        assertThat(authenticator.authenticate(rs256(RSA, claims("alice").build()))).isPresent();
        assertThat(authenticator.authenticate(hs256(SECRET, claims("alice").build()))).isPresent();
    }

    @Test
    void shouldRefuseTokenWhenSubIsMissingOrBlank() throws Exception {
        String missing = hs256(SECRET, claims("alice").subject(null).build());
        String blank = hs256(SECRET, claims(" ").build());

        assertThat(hs256Authenticator().authenticate(missing)).isEmpty();
        assertThat(lastReason()).contains("missing sub");
        assertThat(hs256Authenticator().authenticate(blank)).isEmpty();
    }

    @Test
    void shouldCheckIssuerAndAudienceWhenConfigured() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(JwtSettings.builder().hs256Secret(SECRET)
                .issuer("https://idp.example").audience("tickstream").build());
        String good = hs256(SECRET, claims("alice").issuer("https://idp.example")
                .audience(List.of("other", "tickstream")).build());
        String wrongIssuer = hs256(SECRET, claims("alice").issuer("https://evil.example")
                .audience("tickstream").build());
        String wrongAudience = hs256(SECRET, claims("alice").issuer("https://idp.example").audience("other").build());
        String noAudience = hs256(SECRET, claims("alice").issuer("https://idp.example").build());

        assertThat(authenticator.authenticate(good)).isPresent();
        assertThat(authenticator.authenticate(wrongIssuer)).isEmpty();
        assertThat(lastReason()).contains("wrong issuer").doesNotContain("evil");
        assertThat(authenticator.authenticate(wrongAudience)).isEmpty();
        assertThat(lastReason()).contains("wrong audience");
        assertThat(authenticator.authenticate(noAudience)).isEmpty();
    }

    @Test
    void shouldRefuseTokenWhenOptionalClaimHasWrongType() throws Exception {
        JwtAuthenticator authenticator = hs256Authenticator();

        assertThat(authenticator.authenticate(hs256(SECRET, claims("a").claim("maxConnections", "many").build())))
                .isEmpty();
        assertThat(lastReason()).contains("maxConnections");
        assertThat(authenticator.authenticate(hs256(SECRET, claims("a").claim("maxConnections", -1).build())))
                .isEmpty();
        assertThat(authenticator.authenticate(hs256(SECRET, claims("a").claim("privateEvents", "no").build())))
                .isEmpty();
        assertThat(authenticator.authenticate(hs256(SECRET, claims("a").claim("instruments", 42).build())))
                .isEmpty();
    }

    @Test
    void shouldRefuseWithoutThrowingWhenCredentialIsGarbage() throws Exception {
        JwtAuthenticator authenticator = hs256Authenticator();
        String valid = hs256(SECRET, claims("alice").build());
        String[] parts = valid.split("\\.");
        List<String> garbage = List.of("", " ", "abc", "a.b.c", "..", "...", "a.b.c.d.e", "\u0000\uffff",
                "eyJhbGciOiJIUzI1NiJ9.%%%." + parts[2], parts[0] + ".bm90IGpzb24." + parts[2],
                "e30.e30.", "W10.e30.sig", valid.substring(0, valid.length() - 3), valid + "x",
                "x".repeat(JwtAuthenticator.MAX_TOKEN_CHARS + 1), parts[0] + "." + "A".repeat(1_000_000) + ".x");

        for (String credential : garbage) {
            assertThat(authenticator.authenticate(credential)).as(credential).isEmpty();
        }
        assertThat(authenticator.authenticate(null)).isEmpty();
    }

    @Test
    void shouldLogReasonWithoutTokenOrSecretWhenRefusing() throws Exception {
        Date longAgo = Date.from(Instant.now().minusSeconds(600));
        String token = hs256(SECRET, claims("alice").expirationTime(longAgo).build());

        hs256Authenticator().authenticate(token);

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("expired")
                    .doesNotContain(token.split("\\.")[1]).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
        });
    }
}
