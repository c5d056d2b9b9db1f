package io.tickstream.protocol.json;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonStateDeltaProtocolTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private WebSocketRecorder authenticated() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        assertThat(json(client.nextText())).containsEntry("type", "welcome");
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(json(client.nextText())).containsEntry("success", true);
        return client;
    }

    private void subscribeState(WebSocketRecorder client, String delta) {
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"DEEP5\"]" + delta + "}");
        client.assertTextMessage("{\"type\":\"subscribed\",\"symbols\":[\"DEEP5\"],\"channel\":\"state\",\"totalSubscriptions\":1}");
    }

    @Test
    void shouldSendTheFullStateFirstThenOnlyTheChangedFieldsWhenDeltaIsTrue() throws Exception {
        gateway.bus().publishMarketData("5", "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":10,\"sell_price\":11}}}}");
        WebSocketRecorder client = authenticated();
        subscribeState(client, ",\"delta\":true");
        Map<String, Object> full = json(client.nextText());
        assertThat(full).containsEntry("type", "state").containsEntry("symbol", "DEEP5").containsKey("data");
        assertThat(full.get("seq")).hasToString("1");
        assertThat(GatewayFixture.at(full, "data", "BestLimit", "5", "sell_price")).hasToString("0");

        gateway.bus().publishMarketData("5", "{\"ts\":1709742000001,\"data\":{\"Aggregate\":{\"last_price\":10.5}}}");
        client.assertTextMessage("{\"type\":\"state\",\"symbol\":\"DEEP5\",\"seq\":2,\"delta\":{\"Aggregate\":{\"last_price\":10.5}},"
                + "\"time\":1709742000001}");
        gateway.bus().publishMarketData("5", "{\"ts\":1709742000002,\"data\":{\"BestLimit\":{\"4\":{\"sell_quantity\":3}},"
                + "\"Aggregate\":{\"last_price\":10.5,\"date\":\"1405/03/02\"}}}");
        client.assertTextMessage("{\"type\":\"state\",\"symbol\":\"DEEP5\",\"seq\":3,\"delta\":{\"BestLimit\":{\"4\":{\"sell_quantity\":3}},"
                + "\"Aggregate\":{\"date\":\"1405/03/02\"}},\"time\":1709742000002}");
        client.close(1000, "done");
    }

    @Test
    void shouldKeepSendingFullStatesToASubscriberWithoutDeltaOnTheSameSymbol() throws Exception {
        gateway.bus().publishMarketData("5", "{\"Aggregate\":{\"last_price\":10}}");
        WebSocketRecorder deltas = authenticated();
        subscribeState(deltas, ",\"delta\":true");
        WebSocketRecorder plain = authenticated();
        subscribeState(plain, "");
        WebSocketRecorder declined = authenticated();
        subscribeState(declined, ",\"delta\":false");
        assertThat(json(deltas.nextText())).containsKey("data");
        assertThat(json(plain.nextText())).containsKey("data");
        assertThat(json(declined.nextText())).containsKey("data");

        gateway.bus().publishMarketData("5", "{\"Aggregate\":{\"last_price\":10.25}}");

        assertThat(deltas.nextText()).contains("\"delta\":{\"Aggregate\":{\"last_price\":10.25}}");
        for (WebSocketRecorder client : new WebSocketRecorder[] {plain, declined}) {
            Map<String, Object> state = json(client.nextText());
            assertThat(state).containsKey("data").doesNotContainKey("delta");
            assertThat(GatewayFixture.at(state, "data", "Aggregate", "last_price")).hasToString("10.25");
            assertThat(GatewayFixture.at(state, "data", "BestLimit", "1", "buy_price")).hasToString("0");
            client.close(1000, "done");
        }
        deltas.close(1000, "done");
    }

    @Test
    void shouldAnswerADeltaThatIsNotABooleanWithAnErrorAndKeepTheConnection() {
        WebSocketRecorder client = authenticated();
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"DEEP5\"],\"delta\":\"yes\"}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid field: delta must be a boolean\"}");
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"DEEP5\"],\"delta\":1}");
        client.assertTextMessage("{\"type\":\"error\",\"message\":\"Invalid field: delta must be a boolean\"}");
        client.sendText("{\"type\":\"list\"}");
        client.assertTextMessage("{\"type\":\"subscriptions\",\"symbols\":[],\"totalSubscriptions\":0}");
        client.close(1000, "done");
    }

    @Test
    void shouldSendAFullStateAgainWhenADeltaSubscriberSubscribesAgain() throws Exception {
        gateway.bus().publishMarketData("5", "{\"Aggregate\":{\"last_price\":10}}");
        WebSocketRecorder client = authenticated();
        subscribeState(client, ",\"delta\":true");
        assertThat(json(client.nextText())).containsKey("data");
        gateway.bus().publishMarketData("5", "{\"Aggregate\":{\"last_price\":11}}");
        assertThat(json(client.nextText())).containsKey("delta");

        subscribeState(client, ",\"delta\":true");

        Map<String, Object> again = json(client.nextText());
        assertThat(again).containsKey("data");
        assertThat(GatewayFixture.at(again, "data", "Aggregate", "last_price")).hasToString("11");
        client.close(1000, "done");
    }
}
