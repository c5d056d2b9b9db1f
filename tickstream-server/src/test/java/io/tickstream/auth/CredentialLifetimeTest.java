package io.tickstream.auth;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tickstream.GatewayExtension;
import io.tickstream.testkit.WebSocketEvent;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session ends when its token does, unless the client hands in a fresh one for the same account. */
class CredentialLifetimeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .jwt(JwtSettings.hs256(JwtFixtures.SECRET)).expiryNotice(Duration.ofSeconds(2)));

    @Test
    void shouldTellAJsonSessionBeforeItsTokenExpiresThenCloseItWith1008() throws Exception {
        WebSocketRecorder client = authenticated(token("alice", Instant.now().plusSeconds(4)));

        Map<String, Object> notice = json(client.awaitText(text -> text.contains("token_expiring"), WAIT));
        assertThat((BigDecimal) notice.get("expiresInMs")).isBetween(BigDecimal.ZERO, new BigDecimal(2_000));
        WebSocketEvent.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("token expired");
    }

    @Test
    void shouldGoOnPastTheOldExpiryAfterAFreshTokenForTheSameAccount() throws Exception {
        Instant firstExpiry = Instant.now().plusSeconds(4);
        WebSocketRecorder client = authenticated(token("alice", firstExpiry));
        client.awaitText(text -> text.contains("token_expiring"), WAIT);

        client.sendText("{\"type\":\"auth\",\"token\":\"" + token("alice", Instant.now().plusSeconds(300)) + "\"}");

        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", true).containsEntry("message", "Credential refreshed");
        await().atMost(WAIT).until(() -> Instant.now().isAfter(firstExpiry.plusMillis(500)));
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.awaitText(text -> text.contains("\"pong\"") || text.contains("error"), WAIT)).contains("pong");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void shouldRefuseAFreshTokenForAnotherAccountAndKeepTheSession() throws Exception {
        WebSocketRecorder client = authenticated(token("alice", Instant.now().plusSeconds(300)));

        client.sendText("{\"type\":\"auth\",\"token\":\"" + token("mallory", Instant.now().plusSeconds(300)) + "\"}");

        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", false).containsEntry("message", "The credential is for another account");
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.awaitText(text -> text.contains("\"pong\""), WAIT)).contains("pong");
    }

    @Test
    void shouldCloseAnImeSessionWhenItsTokenExpires() throws Exception {
        WebSocketRecorder ime = WebSocketRecorder.connect(gateway.byName("EURUSD"),
                Map.of("Authorization", "Bearer " + token("alice", Instant.now().plusSeconds(2))));

        WebSocketEvent.Close close = ime.awaitClose();

        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("token expired");
    }

    @Test
    void shouldTellACompactSessionBeforeItsTokenExpires() throws Exception {
        WebSocketRecorder compact = WebSocketRecorder.connect(gateway.uri("/compact"));
        compact.sendText("{\"authorization\":\"" + token("alice", Instant.now().plusSeconds(4)) + "\"}");
        compact.awaitText(text -> text.contains("authorized"), WAIT);

        assertThat(compact.awaitText(text -> text.contains("token_expiring"), WAIT)).startsWith("[\"n\",{\"event\":\"token_expiring\"");
        assertThat(compact.awaitClose().reason()).isEqualTo("token expired");
    }

    @Test
    void shouldRefuseATokenWithoutExpUnlessConfiguredAndOneValidForLongerThanTheMaximum() throws Exception {
        JWTClaimsSet noExp = new JWTClaimsSet.Builder().subject("alice").build();
        JWTClaimsSet twoHours = JwtFixtures.claims("alice").expirationTime(Date.from(Instant.now().plusSeconds(7_200))).build();

        assertThat(authenticator(JwtSettings.hs256(JwtFixtures.SECRET)).authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, noExp)))
                .isEmpty();
        assertThat(authenticator(JwtSettings.builder().hs256Secret(JwtFixtures.SECRET).requireExp(false).build())
                .authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, noExp))).isPresent();
        JwtSettings oneHour = JwtSettings.builder().hs256Secret(JwtFixtures.SECRET).maxLifetime(Duration.ofHours(1)).build();
        assertThat(authenticator(oneHour).authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, twoHours))).isEmpty();
        assertThat(authenticator(oneHour).authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, JwtFixtures.claims("alice").build())))
                .get().satisfies(principal -> assertThat(principal.expiresAt()).isNotNull());
    }

    @Test
    void shouldRefuseATokenIssuedInTheFutureAtAuthAndAtRefreshWhateverItsLifetime() throws Exception {
        gateway.restart(config -> config.jwt(JwtSettings.builder().hs256Secret(JwtFixtures.SECRET)
                .maxLifetime(Duration.ofHours(1)).build()));
        Instant now = Instant.now();
        String future = JwtFixtures.hs256(JwtFixtures.SECRET, new JWTClaimsSet.Builder().subject("alice")
                .issueTime(Date.from(now.plusSeconds(100_000))).expirationTime(Date.from(now.plusSeconds(100_060))).build());

        WebSocketRecorder first = WebSocketRecorder.connect(gateway.uri("/"));
        first.nextText();
        first.sendText("{\"type\":\"auth\",\"token\":\"" + future + "\"}");
        assertThat(json(first.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", false).containsEntry("message", "Invalid token");

        WebSocketRecorder refreshing = authenticated(token("alice", Instant.now().plusSeconds(300)));
        refreshing.sendText("{\"type\":\"auth\",\"token\":\"" + future + "\"}");
        assertThat(json(refreshing.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", false).containsEntry("message", "Invalid token");
        refreshing.sendText("{\"type\":\"ping\"}");
        assertThat(refreshing.awaitText(text -> text.contains("\"pong\""), WAIT)).contains("pong");
    }

    @Test
    void shouldMeasureTheMaximumLifetimeFromNowAndRefuseATokenIssuedBeyondTheSkew() throws Exception {
        Instant now = Instant.now();
        JwtSettings oneHour = JwtSettings.builder().hs256Secret(JwtFixtures.SECRET).maxLifetime(Duration.ofHours(1)).build();
        JWTClaimsSet aheadInsideSkew = new JWTClaimsSet.Builder().subject("alice").issueTime(Date.from(now.plusSeconds(20)))
                .expirationTime(Date.from(now.plusSeconds(3_600))).build();
        JWTClaimsSet issuedLongAgoEndingSoon = new JWTClaimsSet.Builder().subject("alice")
                .issueTime(Date.from(now.minus(Duration.ofHours(30)))).expirationTime(Date.from(now.plusSeconds(600))).build();
        JWTClaimsSet futureWithoutLimit = new JWTClaimsSet.Builder().subject("alice").issueTime(Date.from(now.plusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(300))).build();

        assertThat(authenticator(oneHour).authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, aheadInsideSkew))).isPresent();
        assertThat(authenticator(oneHour).authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, issuedLongAgoEndingSoon))).isPresent();
        assertThat(authenticator(JwtSettings.hs256(JwtFixtures.SECRET))
                .authenticate(JwtFixtures.hs256(JwtFixtures.SECRET, futureWithoutLimit))).isEmpty();
    }

    @Test
    void shouldRefuseARefreshPastItsExpiryInsideTheSkewAndGoOnUntilTheSessionsOwnExpiry() throws Exception {
        WebSocketRecorder client = authenticated(token("alice", Instant.now().plusSeconds(5)));

        client.sendText("{\"type\":\"auth\",\"token\":\"" + token("alice", Instant.now().minusSeconds(5)) + "\"}");

        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", false).containsEntry("message", "The credential has expired");
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.awaitText(text -> text.contains("\"pong\""), WAIT)).contains("pong");
        client.awaitText(text -> text.contains("token_expiring"), WAIT);
        assertThat(client.awaitClose().reason()).isEqualTo("token expired");
    }

    @Test
    void shouldEndTheStreamsOutsideANarrowedInstrumentsClaimAtRefresh() throws Exception {
        WebSocketRecorder client = authenticated(token("alice", Instant.now().plusSeconds(300)));
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"ContractA\"]}");
        client.awaitText(text -> text.contains("\"subscribed\""), WAIT);

        client.sendText("{\"type\":\"auth\",\"token\":\"" + JwtFixtures.hs256(JwtFixtures.SECRET,
                JwtFixtures.claims("alice").claim("instruments", List.of("EUR*")).build()) + "\"}");

        assertThat(client.awaitText(text -> text.contains("error"), WAIT)).contains("No longer permitted: ContractA");
        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT)))
                .containsEntry("success", true).containsEntry("message", "Credential refreshed");
        gateway.bus().publishMarketData("12345", "{\"BestLimit\":{\"1\":{\"buy_price\":200,\"sell_price\":201}}}");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0860}}}");
        assertThat(client.awaitText(text -> text.contains("\"tick\""), WAIT))
                .as("ContractA's tick, published first, no longer comes").contains("\"symbol\":\"EURUSD\"");
    }

    private static JwtAuthenticator authenticator(JwtSettings settings) {
        return new JwtAuthenticator(settings, Clock.systemUTC());
    }

    private static String token(String account, Instant expires) throws Exception {
        return JwtFixtures.hs256(JwtFixtures.SECRET, JwtFixtures.claims(account).expirationTime(Date.from(expires)).build());
    }

    private static WebSocketRecorder authenticated(String token) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT))).containsEntry("success", true);
        return client;
    }
}
