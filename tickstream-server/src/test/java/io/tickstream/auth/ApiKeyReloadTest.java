package io.tickstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketEvent;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys read again while sessions run: removed keys end their sessions, changed scopes apply at once. */
class ApiKeyReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = "alice-key";
    private static final String BOB = "bob-key";

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .apiKey(ApiKey.plain(ALICE, new Principal("alice", InstrumentScope.all(), true, 0)))
            .apiKey(ApiKey.plain(BOB, new Principal("bob", InstrumentScope.all(), true, 0))));

    @Test
    void shouldCloseTheSessionsOfARemovedKeyAndNarrowThoseOfAChangedOne() throws Exception {
        WebSocketRecorder alice = authenticated(ALICE);
        alice.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"ContractA\"]}");
        alice.awaitText(text -> text.contains("\"subscribed\""), WAIT);
        WebSocketRecorder bob = authenticated(BOB);
        WebSocketRecorder bobIme = WebSocketRecorder.connect(gateway.byName("EURUSD"), Map.of("Authorization", "Bearer " + BOB));

        gateway.gateway().reloadApiKeys(List.of(
                ApiKey.plain(ALICE, new Principal("alice", InstrumentScope.of(List.of("EUR*")), true, 0))));

        for (WebSocketRecorder revoked : List.of(bob, bobIme)) {
            WebSocketEvent.Close close = revoked.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("credential revoked");
        }
        assertThat(alice.awaitText(text -> text.contains("error"), WAIT)).contains("No longer permitted: ContractA");
        gateway.bus().publishMarketData("12345", "{\"BestLimit\":{\"1\":{\"buy_price\":200,\"sell_price\":201}}}");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0860}}}");
        String next = alice.awaitText(text -> text.contains("\"tick\""), WAIT);
        assertThat(next).as("ContractA's tick, published first, no longer comes").contains("\"symbol\":\"EURUSD\"");
        assertThat(alice.isClosed()).isFalse();
    }

    private static WebSocketRecorder authenticated(String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        assertThat(GatewayFixture.json(client.awaitText(text -> text.contains("\"auth\""), WAIT))).containsEntry("success", true);
        return client;
    }
}
