package io.tickstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class SessionLogTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    private final Logger logger = (Logger) LoggerFactory.getLogger(SessionLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureLines() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void releaseLines() {
        logger.detachAppender(lines);
    }

    @Test
    void shouldLogOpenAuthAndTheClientsCloseCodeAndReason() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.nextText();
        client.close(1000, "bye now");
        client.awaitClose();

        List<ILoggingEvent> events = awaitLines(3);
        assertThat(events.get(0).getFormattedMessage()).matches("json connection /127\\.0\\.0\\.1:\\d+ opened");
        assertThat(events.get(1).getFormattedMessage()).matches("json connection /127\\.0\\.0\\.1:\\d+ authenticated as alice");
        assertThat(events.get(2).getFormattedMessage())
                .matches("json connection /127\\.0\\.0\\.1:\\d+ closed by client: 1000 bye now \\(account alice\\) after \\d+ ms");
        assertThat(keyValues(events.get(2))).containsEntry("event", "close").containsEntry("protocol", "json")
                .containsEntry("closedBy", "client").containsEntry("code", 1000).containsEntry("reason", "bye now")
                .containsEntry("account", "alice");
    }

    @Test
    void shouldLogTheServersCloseCodeAndReason() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"wrong\"}");
        client.assertTextMessage("{\"type\":\"auth\",\"success\":false,\"message\":\"Invalid API key\"}");
        client.assertClosing(1008, "authentication failed");

        List<ILoggingEvent> events = awaitLines(2);
        assertThat(events.get(1).getFormattedMessage())
                .matches("json connection /127\\.0\\.0\\.1:\\d+ closed by server: 1008 authentication failed after \\d+ ms")
                .doesNotContain("wrong");
        assertThat(keyValues(events.get(1))).containsEntry("closedBy", "server").containsEntry("code", 1008);
    }

    private List<ILoggingEvent> awaitLines(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() >= count);
        return List.copyOf(lines.list);
    }

    private static Map<String, Object> keyValues(ILoggingEvent event) {
        return event.getKeyValuePairs().stream()
                .filter(pair -> pair.value != null)
                .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    }
}
