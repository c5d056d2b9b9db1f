package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {

    private static final URI NODE_A = URI.create("ws://127.0.0.1:1/");
    private static final URI NODE_B = URI.create("wss://127.0.0.1:2/");

    @Test
    void shouldStartOnTheFirstUriWhenGivenSeveral() {
        try (TickstreamClient client = TickstreamClient.builder().uris(NODE_A, NODE_B).apiKey("k").build()) {
            assertThat(client.currentUri()).isEqualTo(NODE_A);
        }
    }

    @Test
    void shouldKeepTheLastCallWhenUriAndUrisAreBothGiven() {
        try (TickstreamClient client = TickstreamClient.builder().uris(NODE_A, NODE_B).uri(NODE_B).apiKey("k").build()) {
            assertThat(client.currentUri()).isEqualTo(NODE_B);
        }
    }

    @Test
    void shouldRefuseToBuildWhenNoUriIsGiven() {
        assertThatThrownBy(() -> TickstreamClient.builder().apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri is required");
        assertThatThrownBy(() -> TickstreamClient.builder().uris(List.of()).apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri is required");
    }

    @Test
    void shouldRefuseToBuildWhenAnyUriIsNotAWebSocket() {
        assertThatThrownBy(() -> TickstreamClient.builder().uris(NODE_A, URI.create("http://127.0.0.1:3/")).apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://127.0.0.1:3/");
        assertThatThrownBy(() -> TickstreamClient.builder().uris(NODE_A, null).apiKey("k").build())
                .isInstanceOf(NullPointerException.class);
    }
}
