package io.tickstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tickstream.GatewayExtension;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JwtOverProtocolsTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway =
            GatewayExtension.inProcess(config -> config.jwt(JwtSettings.hs256(JwtFixtures.SECRET)));

    @BeforeEach
    void publishAQuote() throws Exception {
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
    }

    private static String token(String subject, Instant expires) throws Exception {
        return JwtFixtures.hs256(JwtFixtures.SECRET, JwtFixtures.claims(subject).expirationTime(Date.from(expires)).build());
    }

    @Test
    void shouldAcceptTheSameTokenOnAllThreeProtocols() throws Exception {
        String token = token("dave", Instant.now().plusSeconds(60));

        WebSocketRecorder ime = WebSocketRecorder.connect(gateway.byName("EURUSD"), Map.of("Authorization", "Bearer " + token));
        assertThat(ime.nextText()).contains("\"contractName\":\"EURUSD\"");

        WebSocketRecorder json = WebSocketRecorder.connect(gateway.uri("/"));
        json.nextText();
        json.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(json.nextText()).contains("\"success\":true");

        WebSocketRecorder compact = WebSocketRecorder.connect(gateway.uri("/compact"));
        compact.sendText("{\"authorization\":\"" + token + "\"}");
        compact.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");

        gateway.bus().publishAccountEvent("dave", "{\"type\":\"notification\",\"data\":{\"m\":1}}");
        assertThat(json.nextText()).contains("\"event\":\"notification\"");
        compact.assertTextMessage("[\"n\",{\"m\":1}]");
        ime.close(1000, "done");
        json.close(1000, "done");
        compact.close(1000, "done");
    }

    @Test
    void shouldRefuseExpiredForgedAndUnsignedTokensEverywhere() throws Exception {
        JWTClaimsSet claims = JwtFixtures.claims("dave").expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        List<String> refused = List.of(
                token("dave", Instant.now().minusSeconds(3600)),
                JwtFixtures.hs256("another-secret-that-is-at-least-32-bytes!".getBytes(), claims),
                JwtFixtures.unsecured(claims));
        for (String bad : refused) {
            WebSocketRecorder.connect(gateway.byName("EURUSD"), Map.of("Authorization", "Bearer " + bad))
                    .assertClosing(1008, "authentication failed");
            WebSocketRecorder json = WebSocketRecorder.connect(gateway.uri("/"));
            json.nextText();
            json.sendText("{\"type\":\"auth\",\"token\":\"" + bad + "\"}");
            json.assertTextMessage("{\"type\":\"auth\",\"success\":false,\"message\":\"Invalid token\"}");
            json.assertClosing(1008, "authentication failed");
            WebSocketRecorder compact = WebSocketRecorder.connect(gateway.uri("/compact"));
            compact.sendText("{\"authorization\":\"" + bad + "\"}");
            compact.assertClosing(1008, "authorization failed");
        }
    }

    @Test
    void shouldNarrowInstrumentsByTheTokensClaim() throws Exception {
        String token = JwtFixtures.hs256(JwtFixtures.SECRET, JwtFixtures.claims("erin")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).claim("instruments", List.of("Contract*")).build());
        WebSocketRecorder.connect(gateway.byName("EURUSD"), Map.of("Authorization", "Bearer " + token))
                .assertClosing(1008, "unknown contract: EURUSD");
    }
}
