package io.tickstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageRateLimiterTest {

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
            now += 1_000_000;
            for (int frame = 0; frame < 500; frame++) {
                limiter.tryAcquire();
            }
        }
        assertThat(limiter.abusive()).isTrue();
    }

    @Test
    void shouldForgiveRefusalsOnceTheClientSlowsDownEnoughForItsBucketToFill() {
        for (int i = 0; i < 3000; i++) {
            limiter.tryAcquire();
        }
        now += 2_000_000_000L;

        assertThat(limiter.tryAcquire()).isEqualTo(MessageRateLimiter.ALLOWED);
        assertThat(limiter.abusive()).isFalse();
    }
}
