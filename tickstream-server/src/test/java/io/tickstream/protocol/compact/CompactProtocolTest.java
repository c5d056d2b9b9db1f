package io.tickstream.protocol.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CompactProtocolTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private WebSocketRecorder authorized() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }

    @Test
    void shouldRunTheSeedFlowAuthorizeSubscribeThenQuoteArrays() throws Exception {
        gateway.bus().publishMarketData("1", "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1.085,\"sell_price\":1.0852}}}}");
        WebSocketRecorder client = authorized();
        client.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\",\"contracta\"]}");
        client.assertTextMessage("[\"n\",{\"event\":\"subscribed\",\"data\":[\"eurusd\",\"contracta\"]}]");
        client.assertTextMessage("[\"t\",\"eurusd\",1.085,1.0852,1709742000000]");
        gateway.bus().publishMarketData("1", "{\"ts\":1709742000500,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1.0851}}}}");
        client.assertTextMessage("[\"t\",\"eurusd\",1.0851,1.0852,1709742000500]");
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.09}}");
        client.assertExhausted();

        client.sendText("{\"event\":\"unsubscribe\",\"data\":[\"EURUSD\"]}");
        client.assertTextMessage("[\"n\",{\"event\":\"unsubscribed\",\"data\":[\"eurusd\"]}]");
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0}}}");
        client.assertExhausted();
        client.close(1000, "done");
    }

    @Test
    void shouldAnswerTextPingWithPongBeforeAndAfterAuthorization() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("ping");
        client.assertTextMessage("pong");
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.nextText();
        client.sendText("ping");
        client.assertTextMessage("pong");
        client.close(1000, "done");
    }

    @Test
    void shouldClose1008OnABadAuthorization() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"authorization\":\"nope\"}");
        client.assertClosing(1008, "authorization failed");
    }

    @Test
    void shouldReportErrorsAsNotificationsAndStayOpen() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"]}");
        client.assertTextMessage("[\"n\",{\"event\":\"error\",\"message\":\"Authorization required\"}]");
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.nextText();
        client.sendText("{\"event\":\"subscribe\",\"data\":[\"nope\"]}");
        client.assertTextMessage("[\"n\",{\"event\":\"error\",\"message\":\"Unknown symbol: nope\"}]");
        client.sendText("{\"event\":\"dance\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"error\",\"message\":\"Unknown event: dance\"}]");
        client.sendText("garbage");
        client.assertTextMessage("[\"n\",{\"event\":\"error\",\"message\":\"Invalid JSON\"}]");
        assertThat(client.isClosed()).isFalse();
        client.close(1000, "done");
    }
}
