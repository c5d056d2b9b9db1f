package io.tickstream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

    private record Fired(String id, long generation, BigDecimal value) {
    }

    private final List<Fired> fired = new ArrayList<>();
    private final List<String> expired = new ArrayList<>();
    private final Set<String> watched = new HashSet<>();
    private final AlertEngine engine = new AlertEngine(new AlertSink() {
        @Override
        public void fire(Alert alert, long generation, BigDecimal value, long atMillis) {
            fired.add(new Fired(alert.id(), generation, value));
        }

        @Override
        public void expire(Alert alert) {
            expired.add(alert.id());
        }
    }, new AlertSink.Instruments() {
        @Override
        public void watch(String instrumentId) {
            watched.add(instrumentId);
        }

        @Override
        public void unwatch(String instrumentId) {
            watched.remove(instrumentId);
        }
    });

    private static Alert alert(String id, AlertField field, AlertCondition condition, String price, boolean once,
                               long cooldownMillis, long expiresAt) {
        return new Alert(id, "alice", "EURUSD", "1", field, condition, new BigDecimal(price), once, cooldownMillis,
                expiresAt, null, null, 0);
    }

    private static Alert once(String id, AlertField field, AlertCondition condition, String price) {
        return alert(id, field, condition, price, true, 0, 0);
    }

    private void bid(String value, long now) {
        engine.quote("1", new BigDecimal(value), null, now);
    }

    private List<String> firedIds() {
        return fired.stream().map(Fired::id).toList();
    }

    /** The store's answer to every firing so far: fired once more (or ended, for a once alert). */
    private void settleAll(long now) {
        for (Fired f : List.copyOf(fired)) {
            engine.settled(f.id(), new AlertStatus(AlertState.ACTIVE, f.generation() + 1, now), now);
        }
    }

    @Test
    void aboveFiresAtOrAboveThePriceComparedExactly() {
        engine.add(once("a", AlertField.BID, AlertCondition.ABOVE, "1.10"), AlertStatus.NEW, 0);
        bid("1.0999", 1);
        assertThat(fired).isEmpty();
        bid("1.1", 2);
        assertThat(fired).containsExactly(new Fired("a", 0, new BigDecimal("1.1")));
    }

    @Test
    void belowFiresAtOrBelowThePrice() {
        engine.add(once("b", AlertField.ASK, AlertCondition.BELOW, "1.1"), AlertStatus.NEW, 0);
        engine.quote("1", null, new BigDecimal("1.1001"), 1);
        assertThat(fired).isEmpty();
        engine.quote("1", null, new BigDecimal("1.100000"), 2);
        assertThat(firedIds()).containsExactly("b");
    }

    @Test
    void aLevelAlertAlreadyTrueFiresOnTheStoredValue() {
        engine.add(once("a", AlertField.BID, AlertCondition.ABOVE, "1.1"), AlertStatus.NEW, 1);
        engine.seed("1", new BigDecimal("1.2"), null, null, 1);
        assertThat(firedIds()).containsExactly("a");
    }

    @Test
    void crossesAboveStartingBelowFiresWhenTheValueReachesThePrice() {
        engine.add(once("c", AlertField.BID, AlertCondition.CROSSES_ABOVE, "1.0900"), AlertStatus.NEW, 0);
        bid("1.0850", 1);
        bid("1.0899", 2);
        assertThat(fired).isEmpty();
        bid("1.09", 3);
        assertThat(firedIds()).containsExactly("c");
    }

    @Test
    void crossesAboveStartingAboveWaitsForTheValueToGoBelowFirst() {
        engine.add(once("c", AlertField.BID, AlertCondition.CROSSES_ABOVE, "1.09"), AlertStatus.NEW, 0);
        bid("1.10", 1);
        bid("1.11", 2);
        bid("1.09", 3);
        assertThat(fired).isEmpty();
        bid("1.0899", 4);
        bid("1.0900", 5);
        assertThat(firedIds()).containsExactly("c");
    }

    @Test
    void crossesBelowFromEitherSide() {
        engine.add(once("below-first", AlertField.BID, AlertCondition.CROSSES_BELOW, "1.08"), AlertStatus.NEW, 1);
        engine.add(once("above-first", AlertField.BID, AlertCondition.CROSSES_BELOW, "1.04"), AlertStatus.NEW, 1);
        engine.seed("1", new BigDecimal("1.05"), null, null, 1);
        bid("1.06", 1);
        bid("1.04", 2);
        assertThat(firedIds()).containsExactly("above-first");
        bid("1.09", 3);
        bid("1.08", 4);
        assertThat(firedIds()).containsExactly("above-first", "below-first");
    }

    @Test
    void midIsTheExactMiddleOfBidAndAsk() {
        engine.add(once("m", AlertField.MID, AlertCondition.ABOVE, "1.08506"), AlertStatus.NEW, 0);
        engine.quote("1", new BigDecimal("1.0850"), new BigDecimal("1.0851"), 1);
        assertThat(fired).isEmpty();
        engine.quote("1", null, new BigDecimal("1.0851"), 2);
        engine.quote("1", new BigDecimal("1.0850"), new BigDecimal("1.0851"), 3);
        assertThat(fired).isEmpty();
        engine.quote("1", null, new BigDecimal("1.0852"), 4);
        assertThat(fired).containsExactly(new Fired("m", 0, new BigDecimal("1.08510")));
    }

    @Test
    void aStoredValueDoesNotReplaceALiveOne() {
        engine.add(once("c", AlertField.BID, AlertCondition.CROSSES_ABOVE, "1.5"), AlertStatus.NEW, 0);
        bid("1.4", 1);
        engine.seed("1", new BigDecimal("1.6"), null, null, 2);
        assertThat(fired).isEmpty();
        bid("1.5", 3);
        assertThat(firedIds()).containsExactly("c");
    }

    @Test
    void midFiresWhenOnlyTheSpreadStraddlesItsPrice() {
        engine.add(once("m", AlertField.MID, AlertCondition.CROSSES_BELOW, "1.5"), AlertStatus.NEW, 0);
        engine.quote("1", new BigDecimal("1.6"), new BigDecimal("1.7"), 1);
        engine.quote("1", new BigDecimal("1.4"), null, 2);
        assertThat(fired).isEmpty();
        engine.quote("1", null, new BigDecimal("1.6"), 3);
        assertThat(fired).containsExactly(new Fired("m", 0, new BigDecimal("1.50")));
    }

    @Test
    void lastFollowsTradePrints() {
        engine.add(once("l", AlertField.LAST, AlertCondition.BELOW, "100"), AlertStatus.NEW, 0);
        bid("99", 1);
        assertThat(fired).isEmpty();
        engine.trade("1", new BigDecimal("100.00"), 2);
        assertThat(firedIds()).containsExactly("l");
    }

    @Test
    void aFiredOnceAlertEndsWhenSettled() {
        engine.add(once("a", AlertField.BID, AlertCondition.ABOVE, "1"), AlertStatus.NEW, 0);
        bid("1", 1);
        engine.settled("a", new AlertStatus(AlertState.TRIGGERED, 1, 1), 1);
        bid("2", 2);
        assertThat(firedIds()).containsExactly("a");
        assertThat(engine.active()).isZero();
        engine.sweep(3);
        assertThat(watched).isEmpty();
    }

    @Test
    void aRearmingLevelAlertFiresAgainOnlyAfterItsCooldown() {
        engine.add(alert("a", AlertField.BID, AlertCondition.ABOVE, "1", false, 1_000, 0), AlertStatus.NEW, 0);
        bid("1.5", 100);
        settleAll(100);
        bid("1.6", 500);
        bid("1.7", 1_099);
        assertThat(firedIds()).containsExactly("a");
        bid("1.8", 1_100);
        assertThat(fired).extracting(Fired::generation).containsExactly(0L, 1L);
    }

    @Test
    void aCooledLevelAlertFiresOnTheSweepWithoutANewValue() {
        engine.add(alert("a", AlertField.BID, AlertCondition.ABOVE, "1", false, 1_000, 0), AlertStatus.NEW, 0);
        bid("1.5", 100);
        settleAll(100);
        engine.sweep(1_100);
        assertThat(firedIds()).containsExactly("a", "a");
    }

    @Test
    void aRearmingCrossingNeedsTheValueToGoBackAcrossAndTheCooldownToPass() {
        engine.add(alert("c", AlertField.BID, AlertCondition.CROSSES_ABOVE, "1", false, 1_000, 0), AlertStatus.NEW, 0);
        bid("0.9", 10);
        bid("1.1", 20);
        settleAll(20);
        bid("1.2", 2_000);
        assertThat(firedIds()).containsExactly("c");
        bid("0.9", 2_100);
        bid("1.0", 2_200);
        assertThat(firedIds()).containsExactly("c", "c");
        settleAll(2_200);
        bid("0.9", 2_300);
        bid("1.0", 2_400);
        assertThat(fired).hasSize(2);
        bid("0.9", 3_300);
        bid("1.0", 3_400);
        assertThat(fired).hasSize(3);
    }

    @Test
    void aFiringSettledAsFiredElsewhereRearmsWithTheStoredGeneration() {
        engine.add(alert("c", AlertField.BID, AlertCondition.CROSSES_ABOVE, "1", false, 0, 0), AlertStatus.NEW, 0);
        bid("0.9", 1);
        bid("1.1", 2);
        engine.settled("c", new AlertStatus(AlertState.ACTIVE, 5, 2), 2);
        bid("0.9", 3);
        bid("1.1", 4);
        assertThat(fired).extracting(Fired::generation).containsExactly(0L, 5L);
    }

    @Test
    void anExpiredAlertEndsOnTheSweepWithoutFiring() {
        engine.add(alert("e", AlertField.BID, AlertCondition.ABOVE, "2", true, 0, 1_000), AlertStatus.NEW, 0);
        bid("1", 10);
        engine.sweep(999);
        assertThat(expired).isEmpty();
        engine.sweep(1_000);
        assertThat(expired).containsExactly("e");
        bid("3", 1_001);
        assertThat(fired).isEmpty();
    }

    @Test
    void anAlertReachedAfterItsExpiryExpiresInsteadOfFiring() {
        engine.add(alert("e", AlertField.BID, AlertCondition.ABOVE, "2", true, 0, 1_000), AlertStatus.NEW, 0);
        bid("3", 1_500);
        assertThat(fired).isEmpty();
        assertThat(expired).containsExactly("e");
    }

    @Test
    void aCanceledAlertNoLongerFiresAndItsInstrumentIsReleased() {
        engine.add(once("a", AlertField.BID, AlertCondition.ABOVE, "2"), AlertStatus.NEW, 0);
        assertThat(watched).containsExactly("1");
        assertThat(engine.remove("a")).isTrue();
        bid("3", 1);
        engine.sweep(2);
        assertThat(fired).isEmpty();
        assertThat(watched).isEmpty();
    }

    @Test
    void aTickFiresOnlyTheThresholdsItCrosses() {
        for (int i = 0; i < 100; i++) {
            engine.add(once("up" + i, AlertField.BID, AlertCondition.ABOVE, "1." + (100 + i)), AlertStatus.NEW, 0);
            engine.add(once("down" + i, AlertField.BID, AlertCondition.BELOW, "0." + (100 + i)), AlertStatus.NEW, 0);
        }
        bid("1.1045", 1);
        assertThat(firedIds()).containsExactly("up0", "up1", "up2", "up3", "up4");
        bid("0.150", 2);
        assertThat(fired).hasSize(5 + 50);
    }
}
