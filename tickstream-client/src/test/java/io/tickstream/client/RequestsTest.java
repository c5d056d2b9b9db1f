package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.StreamPosition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void shouldResumeTheAccountStreamWhenAuthenticatingWithAKnownPosition() {
        assertThat(Requests.auth(settings("k", null), new StreamPosition("e-1", 42)))
                .isEqualTo("{\"type\":\"auth\",\"apiKey\":\"k\",\"since\":{\"epoch\":\"e-1\",\"seq\":42}}");
        assertThat(Requests.auth(settings(null, "jwt"), new StreamPosition("e-1", 0)))
                .isEqualTo("{\"type\":\"auth\",\"token\":\"jwt\",\"since\":{\"epoch\":\"e-1\",\"seq\":0}}");
    }

    @Test
    void shouldSendNoSinceWhenNoPositionIsKnown() {
        assertThat(Requests.auth(settings("k", null), null)).isEqualTo("{\"type\":\"auth\",\"apiKey\":\"k\"}");
        assertThat(Requests.subscribe(Channel.TRADES, 0, 0, List.of("A"), Map.of(), true))
                .isEqualTo("{\"type\":\"subscribe\",\"symbols\":[\"A\"],\"channel\":\"trades\"}");
    }

    private static ClientSettings settings(String apiKey, String token) {
        return new ClientSettings(List.of(URI.create("ws://127.0.0.1:1/")), apiKey, token == null ? null : () -> token, 0,
                SECOND, SECOND, SECOND, SECOND, SECOND, 1, true, List.of());
    }
}
