package io.tickstream.account;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountEventsTest {

    static final String BOB_KEY = "bob-key";

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .apiKey(ApiKey.plain(BOB_KEY, new Principal("bob", InstrumentScope.all(), true, 0))));

    static WebSocketRecorder json(String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        assertThat(GatewayFixture.json(client.nextText())).containsEntry("success", true);
        return client;
    }

    static WebSocketRecorder compact(String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"authorization\":\"" + key + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }

    @Test
    void shouldSendAnEventToEverySessionOfTheAccountAndToNobodyElse() throws Exception {
        WebSocketRecorder alice1 = json(GatewayFixture.KEY);
        WebSocketRecorder alice2 = compact(GatewayFixture.KEY);
        WebSocketRecorder bob = json(BOB_KEY);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gateway().sessionMeters().open() == 3);

        gateway.bus().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":1000.50},\"ts\":1709742000000}");
        alice1.assertTextMessage("{\"type\":\"account\",\"event\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":1000.50},\"time\":1709742000000,\"seq\":1}");
        alice2.assertTextMessage("[\"b\",{\"currency\":\"USD\",\"balance\":1000.50}]");
        bob.assertExhausted();
        alice1.close(1000, "done");
        alice2.close(1000, "done");
        bob.close(1000, "done");
    }

    @Test
    void shouldMapEveryEventKindToEachProtocolsShape() throws Exception {
        WebSocketRecorder full = json(GatewayFixture.KEY);
        WebSocketRecorder compact = compact(GatewayFixture.KEY);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gateway().sessionMeters().open() == 2);
        for (String type : new String[] {"balance", "order", "trade", "position", "alert", "notification"}) {
            gateway.bus().publishAccountEvent("alice", "{\"type\":\"" + type + "\",\"data\":{\"kind\":\"" + type + "\"}}");
            Map<String, Object> event = GatewayFixture.json(full.nextText());
            assertThat(event).containsEntry("type", "account").containsEntry("event", type);
        }
        compact.assertTextMessage("[\"b\",{\"kind\":\"balance\"}]");
        compact.assertTextMessage("[\"o\",{\"kind\":\"trade\"}]");
        compact.assertTextMessage("[\"a\",{\"kind\":\"alert\"}]");
        compact.assertTextMessage("[\"n\",{\"kind\":\"notification\"}]");
        compact.assertExhausted();
        full.close(1000, "done");
        compact.close(1000, "done");
    }

    @Test
    void shouldDeliverAThousandEventsInBusOrder() throws Exception {
        WebSocketRecorder alice = json(GatewayFixture.KEY);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gateway().sessionMeters().open() == 1);
        for (int i = 0; i < 1000; i++) {
            gateway.bus().publishAccountEvent("alice", "{\"type\":\"order\",\"data\":{\"n\":" + i + "}}");
        }
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> event = GatewayFixture.json(alice.nextText());
            assertThat(GatewayFixture.at(event, "data", "n")).isEqualTo(new BigDecimal(i));
        }
        alice.close(1000, "done");
    }

    @Test
    void shouldNotSendPrivateEventsToAKeyWithoutThatRight() throws Exception {
        WebSocketRecorder narrow = json(GatewayFixture.NARROW_KEY);
        gateway.bus().publishAccountEvent("bob", "{\"type\":\"balance\",\"data\":{}}");
        narrow.assertExhausted();
        narrow.close(1000, "done");
    }
}
