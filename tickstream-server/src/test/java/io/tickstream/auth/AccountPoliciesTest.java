package io.tickstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.instrument.Instrument;
import io.tickstream.testkit.WebSocketRecorder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An account's policy bounds what any of its credentials may do. */
class AccountPoliciesTest {

    private static final String BOB_KEY = "bobs-key";
    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final Instrument EURGBP = new Instrument("2", "EURGBP");
    private static final Instrument XAUUSD = new Instrument("3", "XAUUSD");

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .jwt(JwtSettings.hs256(JwtFixtures.SECRET))
            .apiKey(ApiKey.plain(BOB_KEY, new Principal("bob", InstrumentScope.all(), true, 0)))
            .account("bob", new AccountPolicy(InstrumentScope.all(), true, 2)));

    private final Authenticator credentials = credential -> Optional.of(switch (credential) {
        case "narrow" -> new Principal("alice", InstrumentScope.of(List.of("EUR*")), true, 0);
        case "greedy" -> new Principal("alice", InstrumentScope.all(), true, 1_000_000);
        default -> new Principal("carol", InstrumentScope.all(), true, 0);
    });
    private final AccountPolicies policies = new AccountPolicies(credentials,
            Map.of("alice", new AccountPolicy(InstrumentScope.of(List.of("EURUSD", "XAU*")), false, 3)), 100);

    @Test
    void shouldGrantOnlyWhatBothThePolicyAndTheCredentialAllow() {
        Principal alice = policies.authenticate("narrow").orElseThrow();

        assertThat(alice.mayRead(EURUSD)).isTrue();
        assertThat(alice.mayRead(EURGBP)).as("outside the policy").isFalse();
        assertThat(alice.mayRead(XAUUSD)).as("outside the credential").isFalse();
        assertThat(alice.privateEvents()).as("the policy turns them off").isFalse();
        assertThat(alice.maxConnections()).as("an unlimited credential takes the policy's").isEqualTo(3);
    }

    @Test
    void shouldNeverLetACredentialWidenTheConnectionLimit() {
        assertThat(policies.authenticate("greedy").orElseThrow().maxConnections()).isEqualTo(3);
        assertThat(policies.authenticate("anyone").orElseThrow().maxConnections())
                .as("an account without a policy has the finite default").isEqualTo(100);
    }

    @Test
    void shouldCountAnAccountsConnectionsWhateverTheirCredential() throws Exception {
        String token = JwtFixtures.hs256(JwtFixtures.SECRET, JwtFixtures.claims("bob").claim("maxConnections", 1_000_000).build());
        WebSocketRecorder byKey = authenticated(BOB_KEY);
        WebSocketRecorder byToken = authenticated(token);

        WebSocketRecorder third = WebSocketRecorder.connect(gateway.uri("/"));
        third.nextText();
        third.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");

        assertThat(GatewayFixture.json(third.nextText())).containsEntry("success", false);
        third.assertClosing(1008, "connection limit reached");
        byKey.close(1000, "done");
        byToken.close(1000, "done");
    }

    private WebSocketRecorder authenticated(String credential) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"" + (credential.contains(".") ? "token" : "apiKey") + "\":\"" + credential + "\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("success", true);
        return client;
    }
}
