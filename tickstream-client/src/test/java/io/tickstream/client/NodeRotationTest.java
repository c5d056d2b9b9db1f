package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRotationTest {

    private static final URI A = URI.create("ws://a/");
    private static final URI B = URI.create("ws://b/");
    private static final URI C = URI.create("ws://c/");
    private static final Duration SERVER_WAIT = Duration.ofSeconds(5);

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void shouldMoveToTheNextNodeAtOnceWhenTheRoundHasNodesLeft() {
        NodeRotation nodes = new NodeRotation(List.of(A, B, C), backoff);
        assertThat(nodes.current()).isEqualTo(A);

        assertThat(nodes.failed(1, Duration.ZERO)).isZero();
        assertThat(nodes.current()).isEqualTo(B);
        assertThat(nodes.failed(2, Duration.ZERO)).isZero();
        assertThat(nodes.current()).isEqualTo(C);
    }

    @Test
    void shouldBackOffByRoundsWhenEveryNodeFailedInARow() {
        NodeRotation nodes = new NodeRotation(List.of(A, B), backoff);

        nodes.failed(1, Duration.ZERO);
        assertThat(nodes.failed(2, Duration.ZERO)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(nodes.current()).isEqualTo(A);
        assertThat(nodes.failed(3, Duration.ZERO)).isZero();
        assertThat(nodes.failed(4, Duration.ZERO)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void shouldBackOffAtEveryFailureAndHonourTheServersWaitWhenThereIsOneUri() {
        NodeRotation nodes = new NodeRotation(List.of(A), backoff);

        assertThat(nodes.failed(1, Duration.ZERO)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(nodes.failed(2, Duration.ZERO)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(nodes.failed(3, SERVER_WAIT)).isEqualTo(SERVER_WAIT);
        assertThat(nodes.current()).isEqualTo(A);
    }

    @Test
    void shouldLeaveTheServersWaitToItsNodeWhenMovingToAnother() {
        NodeRotation nodes = new NodeRotation(List.of(A, B), backoff);

        assertThat(nodes.failed(1, SERVER_WAIT)).isZero();
        assertThat(nodes.current()).isEqualTo(B);
        assertThat(nodes.failed(2, SERVER_WAIT)).isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
