package io.tickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClusterSlotsTest {

    @Test
    void shouldComputeTheCheckValueTheRedisClusterSpecGivesWhenHashing123456789() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(ClusterSlots.crc16(digits, 0, digits.length)).isEqualTo(0x31C3);
    }

    @Test
    void shouldHashOnlyTheTagWhenTheKeyHasOne() {
        assertThat(ClusterSlots.slotOf("{user1000}.following")).isEqualTo(ClusterSlots.slotOf("user1000"));
        assertThat(ClusterSlots.slotOf("foo{bar}{zap}")).isEqualTo(ClusterSlots.slotOf("bar"));
        assertThat(ClusterSlots.slotOf("foo{{bar}}zap")).isEqualTo(ClusterSlots.slotOf("{bar"));
    }

    @Test
    void shouldHashTheWholeKeyWhenItsTagIsEmptyOrUnclosed() {
        assertThat(ClusterSlots.slotOf("foo{}{bar}")).isNotEqualTo(ClusterSlots.slotOf("bar"));
        assertThat(ClusterSlots.slotOf("{}")).isEqualTo(ClusterSlots.crc16(new byte[] {'{', '}'}, 0, 2) % 16384);
        assertThat(ClusterSlots.slotOf("foo{bar")).isEqualTo(ClusterSlots.crc16("foo{bar".getBytes(StandardCharsets.US_ASCII), 0, 7) % 16384);
    }

    @Test
    void shouldSplitTheSlotsIntoThreeContiguousRanges() {
        assertThat(ClusterSlots.first(0)).isZero();
        assertThat(ClusterSlots.last(0)).isEqualTo(5460);
        assertThat(ClusterSlots.first(1)).isEqualTo(5461);
        assertThat(ClusterSlots.last(1)).isEqualTo(10922);
        assertThat(ClusterSlots.first(2)).isEqualTo(10923);
        assertThat(ClusterSlots.last(2)).isEqualTo(16383);
        for (int node = 0; node < 3; node++) {
            assertThat(ClusterSlots.ownerOf(ClusterSlots.first(node))).isEqualTo(node);
            assertThat(ClusterSlots.ownerOf(ClusterSlots.last(node))).isEqualTo(node);
        }
        assertThatThrownBy(() -> ClusterSlots.ownerOf(16384)).isInstanceOf(IllegalArgumentException.class);
    }
}
