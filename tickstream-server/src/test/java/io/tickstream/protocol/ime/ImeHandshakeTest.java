package io.tickstream.protocol.ime;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImeHandshakeTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @BeforeEach
    void publishEurusd() throws Exception {
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0850}}");
    }

    @Test
    void shouldCloseWith1008WhenTheTokenIsMissing() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.byName("EURUSD"), Map.of());
        client.assertClosing(1008, "authentication failed");
        assertThat(gateway.gateway().sessionMeters().authFailures()).isEqualTo(1);
    }

    @Test
    void shouldCloseWith1008WhenTheTokenIsWrong() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.byName("EURUSD"),
                Map.of("Authorization", "Bearer not-a-key"));
        client.assertClosing(1008, "authentication failed");
    }

    @Test
    void shouldCloseWith1008WhenTheAuthorizationIsNotBearer() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.byName("EURUSD"),
                Map.of("Authorization", "Basic " + GatewayFixture.KEY));
        client.assertClosing(1008, "authentication failed");
    }

    @Test
    void shouldCloseWith1008WhenNoContractIsGiven() throws Exception {
        gateway.connect(gateway.uri("/live/data/websocket/contract/name"))
                .assertClosing(1008, "no contract: give contract_name");
        gateway.connect(gateway.uri("/live/data/websocket/contract/id?contract_id="))
                .assertClosing(1008, "no contract: give contract_id");
    }

    @Test
    void shouldCloseWith1008NamingTheUnknownContractWithNoDataFirst() throws Exception {
        gateway.connect(gateway.byName("EURUSD", "NOPE")).assertClosing(1008, "unknown contract: NOPE");
        gateway.connect(gateway.byId("404")).assertClosing(1008, "unknown contract: 404");
    }

    @Test
    void shouldRefuseAContractOutsideTheKeysScopeLikeAnUnknownOne() throws Exception {
        WebSocketRecorder narrow = WebSocketRecorder.connect(gateway.byName("ContractA"),
                Map.of("Authorization", "Bearer " + GatewayFixture.NARROW_KEY));
        narrow.assertClosing(1008, "unknown contract: ContractA");
        WebSocketRecorder allowed = WebSocketRecorder.connect(gateway.byName("EURUSD"),
                Map.of("Authorization", "Bearer " + GatewayFixture.NARROW_KEY));
        assertThat(json(allowed.nextText()).get("contractName")).isEqualTo("EURUSD");
        allowed.close(1000, "done");
    }

    @Test
    void shouldServeUnderTheConfiguredBasePathOnly() throws Exception {
        gateway.restart(config -> config.imeBasePath("/data-engine/ime"));
        WebSocketRecorder client = gateway.connect(gateway.byNameUnder("/data-engine/ime", "EURUSD"));
        assertThat(json(client.nextText()).get("contractName")).isEqualTo("EURUSD");
        client.close(1000, "done");
        assertThat(WebSocketRecorder.connectExpectingFailure(gateway.byName("EURUSD"),
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY)).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldUseTheConfiguredIdSpellingAndTimeZone() throws Exception {
        gateway.restart(config -> config.imeIdField("ContractId").timeZone(ZoneId.of("Asia/Tehran")));
        gateway.bus().publishMarketData("12345", "{\"ts\":1709742000123,\"data\":{\"Aggregate\":{\"last_price\":5}}}");
        WebSocketRecorder client = gateway.connect(gateway.byId("12345"));
        Map<String, Object> message = json(client.nextText());
        assertThat(message.get("ContractId")).isEqualTo("12345");
        assertThat(message.get("timestamp")).isEqualTo("2024-03-06T19:50:00.123000");
        client.close(1000, "done");
    }

    @Test
    void shouldRejectAnUpgradeOnAnUnknownPathWithAnHttpError() throws Exception {
        URI unknown = gateway.uri("/live/data/websocket/contract/other?contract_name=EURUSD");
        assertThat(WebSocketRecorder.connectExpectingFailure(unknown, Map.of()).statusCode()).isEqualTo(404);
    }
}
