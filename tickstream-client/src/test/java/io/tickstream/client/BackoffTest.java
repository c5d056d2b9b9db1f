package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void shouldDoubleTheCapUpToTheMaximumWhenRetriesGoOn() {
        assertThat(backoff.capNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(backoff.capNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(backoff.capNanos(5)).isEqualTo(Duration.ofMillis(1600).toNanos());
        assertThat(backoff.capNanos(6)).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(backoff.capNanos(1_000)).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void shouldJitterBetweenHalfTheCapAndTheCapWhenComputingADelay() {
        for (int retry = 1; retry <= 8; retry++) {
            long cap = backoff.capNanos(retry);
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.delay(retry).toNanos()).isBetween(cap / 2, cap);
            }
        }
    }
}
