package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void shouldOpenAtTheFillPriceWhenFlat() {
        assertThat(Position.FLAT.after(-5, 1000)).isEqualTo(new Position(-5, 1000));
        assertThat(Position.FLAT.realized(-5, 1000)).isZero();
    }

    @Test
    void shouldAverageTheEntryHalfEvenWhenAddingToThePosition() {
        Position long3 = new Position(3, 1000);

        assertThat(long3.after(1, 1002)).isEqualTo(new Position(4, 1000));
        assertThat(long3.after(1, 1006)).isEqualTo(new Position(4, 1002));
        assertThat(long3.realized(1, 1006)).isZero();
    }

    @Test
    void shouldRealizeTheClosedPartAndKeepTheEntryWhenReducing() {
        Position short10 = new Position(-10, 2000);

        assertThat(short10.realized(4, 1990)).isEqualTo(40);
        assertThat(short10.after(4, 1990)).isEqualTo(new Position(-6, 2000));
        assertThat(short10.realized(10, 2010)).isEqualTo(-100);
        assertThat(short10.after(10, 2010)).isEqualTo(Position.FLAT);
    }

    @Test
    void shouldRealizeTheWholePositionAndOpenAtTheFillPriceWhenFlipping() {
        Position long2 = new Position(2, 500);

        assertThat(long2.realized(-5, 520)).isEqualTo(40);
        assertThat(long2.after(-5, 520)).isEqualTo(new Position(-3, 520));
    }

    @Test
    void shouldValueTheWholePositionAtTheMarkWhenUnrealized() {
        assertThat(new Position(-3, 1000).unrealized(990)).isEqualTo(30);
        assertThat(new Position(4, 1000).unrealized(990)).isEqualTo(-40);
    }
}
