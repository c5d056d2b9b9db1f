package io.tickstream.protocol.json;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code since} the gateway cannot use is answered with an error that names what is wrong. */
class JsonResumeFieldsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldNameTheFieldOfASeqBeyondTheLongRangeInsteadOfAnsweringInvalidJson() {
        WebSocketRecorder client = welcomed();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY
                + "\",\"since\":{\"epoch\":\"e\",\"seq\":9223372036854775808}}");
        assertThat(json(client.awaitText(text -> text.contains("error"), WAIT)))
                .containsEntry("message", "Invalid field: since.seq must be an integer from 0 to 9223372036854775807");

        authenticate(client);
        client.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"EURUSD\"],"
                + "\"since\":{\"EURUSD\":{\"epoch\":\"e\",\"seq\":99999999999999999999}}}");
        assertThat(json(client.awaitText(text -> text.contains("error"), WAIT)))
                .containsEntry("message", "Invalid field: since.EURUSD.seq must be an integer from 0 to 9223372036854775807");
    }

    @Test
    void shouldRefuseASymbolKeyInTheSinceOfAnAuthAndAuthenticateOnceItIsGone() {
        WebSocketRecorder client = welcomed();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY
                + "\",\"since\":{\"EURUSD\":{\"epoch\":\"e\",\"seq\":3}}}");

        assertThat(json(client.awaitText(text -> text.contains("error") || text.contains("\"auth\""), WAIT)))
                .containsEntry("type", "error")
                .containsEntry("message", "Invalid field: since on auth takes the account stream's"
                        + " {\"epoch\":..,\"seq\":..} only, not EURUSD");
        authenticate(client);
    }

    private static WebSocketRecorder welcomed() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        return client;
    }

    private static void authenticate(WebSocketRecorder client) {
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT))).containsEntry("success", true);
    }
}
