package io.tickstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageRateLimiterTest {

    private static final long MILLISECOND = 1_000_000;

    private long now = 1_000_000_000L;
    private final MessageRateLimiter limiter = new MessageRateLimiter(1000, () -> now);

    @Test
    void shouldLetABurstOfTwiceTheRateThroughThenRefuseWithTheWaitForTheNextToken() {
        for (int i = 0; i < 2000; i++) {
            assertThat(limiter.tryAcquire()).isEqualTo(MessageRateLimiter.ALLOWED);
        }
        assertThat(limiter.tryAcquire()).isEqualTo(1);
        assertThat(limiter.abusive()).isFalse();
    }

    @Test
    void shouldCallAFloodAbusiveEvenThoughEachNewTokenLetsOneMessageThrough() {
        for (int i = 0; i < 2000; i++) {
            limiter.tryAcquire();
        }
        // 500 frames per millisecond: one in 500 gets the token that a millisecond brings
        for (int millisecond = 0; millisecond < 10 && !limiter.abusive(); millisecond++) {
            now += MILLISECOND;
            for (int frame = 0; frame < 500; frame++) {
                limiter.tryAcquire();
            }
        }
        assertThat(limiter.abusive()).isTrue();
    }

    @Test
    void shouldForgiveRefusalsOnceTheClientSlowsDown() {
        for (int i = 0; i < 4500; i++) {
            limiter.tryAcquire();
        }
        assertThat(limiter.abusive()).as("2,500 refusals against 2,000 tolerated").isTrue();

        now += 3_000 * MILLISECOND;

        assertThat(limiter.tryAcquire()).isEqualTo(MessageRateLimiter.ALLOWED);
        assertThat(limiter.abusive()).isFalse();
    }

    @Test
    void shouldNeverCloseAClientThatKeepsToTheRateAfterBeingRefused() {
        for (int i = 0; i < 2100; i++) {
            limiter.tryAcquire();
        }
        for (int second = 0; second < 60; second++) {
            for (int message = 0; message < 1000; message++) {
                now += MILLISECOND;
                limiter.tryAcquire();
            }
            assertThat(limiter.abusive()).as("after %d s at the rate", second + 1).isFalse();
        }
    }
}
