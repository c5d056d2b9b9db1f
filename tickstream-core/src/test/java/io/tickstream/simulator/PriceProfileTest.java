package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriceProfileTest {

    @Test
    void shouldAllowTenPercentAroundStartWhenRangeIsComputed() {
        PriceProfile profile = new PriceProfile(1_250_000_000L, 0, 1000, 5, 1, 100);

        assertThat(profile.minAllowedPrice()).isEqualTo(1_125_000_000L);
        assertThat(profile.maxAllowedPrice()).isEqualTo(1_375_000_000L);
    }

    @Test
    void shouldRoundRangeInwardsToTheTickWhenTenPercentIsOffTick() {
        PriceProfile profile = new PriceProfile(12_345_000, 0, 1000, 5, 1, 0);

        assertThat(profile.minAllowedPrice()).isEqualTo(11_111_000);
        assertThat(profile.maxAllowedPrice()).isEqualTo(13_579_000);
    }

    @Test
    void shouldKeepTrailingZerosWhenFormatting() {
        PriceProfile profile = new PriceProfile(108_500, 5, 1, 3, 100_000, 0);

        assertThat(profile.format(108_500)).isEqualTo("1.08500");
        assertThat(profile.format(0)).isEqualTo("0.00000");
        assertThat(profile.format(-12)).isEqualTo("-0.00012");
    }

    @Test
    void shouldRejectStartPriceWhenNotOnTheTick() {
        assertThatThrownBy(() -> new PriceProfile(1_000_500, 0, 1000, 5, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectStartPriceWhenTooFewTicksFromZero() {
        assertThatThrownBy(() -> new PriceProfile(999, 0, 1, 5, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
