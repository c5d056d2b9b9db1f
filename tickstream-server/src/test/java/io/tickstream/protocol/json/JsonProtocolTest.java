package io.tickstream.protocol.json;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonProtocolTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private WebSocketRecorder authenticated() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        assertThat(json(client.nextText())).containsEntry("type", "welcome").containsKey("authTimeoutMs");
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(client.nextText()).matches("\\{\"type\":\"auth\",\"success\":true,\"message\":\"Authenticated successfully\","
                + "\"account\":\\{\"epoch\":\"[0-9a-f]{16}\",\"seq\":0}}");
        return client;
    }

    @Test
    void shouldRunTheSeedFlowWelcomeAuthSubscribeConfirmationThenTicks() throws Exception {
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"ContractA\",\"DEEP5\"]}");
        client.assertTextMessage("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\",\"ContractA\",\"DEEP5\"],\"totalSubscriptions\":3}");
        assertThat(client.nextText()).matches("\\{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.0850,\"ask\":1.0852,\"seq\":1,\"time\":\\d+}");

        gateway.bus().publishMarketData("1", "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"sell_price\":1.0853}}}}");
        client.assertTextMessage("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.0850,\"ask\":1.0853,\"seq\":2,\"time\":1709742000000}");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"2\":{\"sell_price\":1.0860}}}");
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0851}}");
        client.assertExhausted();
        client.close(1000, "done");
    }

    @Test
    void shouldWelcomeAndAuthenticateWithAnApiKeyOnTheWsAlias() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/ws"));
        assertThat(json(client.nextText()).get("type")).isEqualTo("welcome");
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(json(client.nextText())).containsEntry("success", true);
        client.close(1000, "done");
    }

    @Test
    void shouldAnswerABadKeyWithAuthFalseThenClose1008() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"wrong\"}");
        client.assertTextMessage("{\"type\":\"auth\",\"success\":false,\"message\":\"Invalid API key\"}");
        client.assertClosing(1008, "authentication failed");
    }

    @Test
    void shouldRequireAuthenticationBeforeAnyOtherMessage() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Authentication required\"}");
        client.sendText("{\"type\":\"ping\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Authentication required\"}");
        client.close(1000, "done");
    }

    @Test
    void shouldReportEveryKindOfBadMessageAndKeepTheConnection() {
        WebSocketRecorder client = authenticated();
        client.sendText("{not json");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid JSON\"}");
        client.sendText("{\"symbol\":\"EURUSD\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Missing field: type\"}");
        client.sendText("{\"type\":\"dance\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Unknown message type: dance\"}");
        client.sendText("{\"type\":\"subscribe\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Missing field: symbol\"}");
        client.sendText("{\"type\":\"subscribe\",\"symbols\":\"EURUSD\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid field: symbols must be an array of strings\"}");
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"news\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Unknown channel: news (tick, book, trades, state or candles)\"}");
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"book\",\"depth\":21}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid field: depth must be 1..20\"}");
        client.sendText("[]");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid JSON: a message must be an object\"}");
        client.sendText("{\"type\":\"ping\"}");
        assertThat(json(client.nextText())).containsEntry("type", "pong").containsKey("time");
        client.close(1000, "done");
    }

    @Test
    void shouldReportAnUnknownSymbolAndStillSubscribeTheKnownOnes() throws Exception {
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"XYZ\",\"EURUSD\"]}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Unknown symbol: XYZ\"}");
        client.assertTextMessage("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"totalSubscriptions\":1}");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.1}}}");
        assertThat(json(client.nextText())).containsEntry("type", "tick").containsEntry("bid", new BigDecimal("1.1"));
        client.close(1000, "done");
    }

    @Test
    void shouldListAndUnsubscribe() throws Exception {
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"ContractA\"]}");
        client.nextText();
        client.sendText("{\"type\":\"list\"}");
        client.assertTextMessage("{\"type\":\"subscriptions\",\"symbols\":[\"EURUSD\",\"ContractA\"],\"totalSubscriptions\":2}");
        client.sendText("{\"type\":\"unsubscribe\",\"symbol\":\"EURUSD\"}");
        client.assertTextMessage("{\"type\":\"unsubscribed\",\"symbols\":[\"EURUSD\"],\"totalSubscriptions\":1}");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.2}}}");
        client.assertExhausted();
        client.close(1000, "done");
    }

    @Test
    void shouldStreamTheBookWithTheRequestedDepth() throws Exception {
        gateway.bus().publishMarketData("5", "{\"BestLimit\":{\"1\":{\"buy_price\":10,\"buy_quantity\":1,\"sell_price\":11,\"sell_quantity\":2},"
                + "\"2\":{\"buy_price\":9,\"buy_quantity\":3,\"sell_price\":12,\"sell_quantity\":4},"
                + "\"3\":{\"buy_price\":8,\"buy_quantity\":5,\"sell_price\":13,\"sell_quantity\":6}}}");
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"DEEP5\",\"channel\":\"book\",\"depth\":2}");
        client.assertTextMessage("{\"type\":\"subscribed\",\"symbols\":[\"DEEP5\"],\"channel\":\"book\",\"totalSubscriptions\":1}");
        assertThat(client.nextText()).startsWith("{\"type\":\"book\",\"symbol\":\"DEEP5\",\"bids\":[[10,1],[9,3]],\"asks\":[[11,2],[12,4]],\"seq\":1,\"time\":");
        gateway.bus().publishMarketData("5", "{\"BestLimit\":{\"3\":{\"buy_price\":7}}}");
        client.assertExhausted();
        gateway.bus().publishMarketData("5", "{\"BestLimit\":{\"2\":{\"buy_quantity\":30}}}");
        assertThat(client.nextText()).contains("\"bids\":[[10,1],[9,30]]");
        client.close(1000, "done");
    }

    @Test
    void shouldStreamTradesAndFullState() throws Exception {
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"trades\"}");
        assertThat(client.nextText()).matches("\\{\"type\":\"subscribed\",\"symbols\":\\[\"EURUSD\"],\"channel\":\"trades\","
                + "\"totalSubscriptions\":1,\"streams\":\\{\"EURUSD\":\\{\"epoch\":\"[0-9a-f]{16}\",\"seq\":0}}}");
        client.sendText("{\"type\":\"subscribe\",\"symbol\":\"EURUSD\",\"channel\":\"state\"}");
        client.assertTextMessage("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"channel\":\"state\",\"totalSubscriptions\":2}");
        gateway.bus().publishTrade("1", "{\"price\":1.0851,\"quantity\":100000,\"side\":\"buy\",\"ts\":1709742000000,\"tradeId\":\"t-1\"}");
        client.assertTextMessage("{\"type\":\"trade\",\"symbol\":\"EURUSD\",\"price\":1.0851,\"quantity\":100000,"
                + "\"side\":\"buy\",\"time\":1709742000000,\"tradeId\":\"t-1\",\"seq\":1}");
        gateway.bus().publishMarketData("1", "{\"ts\":1709742000001,\"data\":{\"Aggregate\":{\"last_price\":1.0851}}}");
        Map<String, Object> state = json(client.nextText());
        assertThat(state).containsEntry("type", "state").containsEntry("symbol", "EURUSD");
        assertThat(GatewayFixture.at(state, "data", "Aggregate", "last_price")).isEqualTo(new BigDecimal("1.0851"));
        gateway.bus().publishRaw(io.tickstream.bus.BusChannel.TRADES, "1", "{\"price\":\"x\"}");
        client.assertExhausted();
        assertThat(gateway.gateway().hub().meters().malformedUpdates()).isEqualTo(1);
        client.close(1000, "done");
    }

    @Test
    void shouldRefuseASymbolOutsideTheKeysScopeLikeAnUnknownOne() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.NARROW_KEY + "\"}");
        client.nextText();
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"ContractA\",\"EURUSD\"]}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Unknown symbol: ContractA\"}");
        assertThat(json(client.nextText()).get("symbols")).isEqualTo(List.of("EURUSD"));
        client.close(1000, "done");
    }
}
