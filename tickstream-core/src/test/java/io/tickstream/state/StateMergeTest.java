package io.tickstream.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.instrument.Instrument;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMergeTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");

    private static InstrumentState merge(InstrumentState state, String json) throws MalformedUpdateException {
        return state.merge(StateUpdateParser.parse(json), 1_000_000L);
    }

    @Test
    void shouldKeepNumbersAsTheirPublishedText() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD),
                "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.08500000000001}},"
                        + "\"Aggregate\":{\"total_value\":9999999999999,\"last_price\":1e3}}");
        assertThat(state.value(StateField.BUY_PRICE, 1)).isEqualTo("1.0850");
        assertThat(state.value(StateField.SELL_PRICE, 1)).isEqualTo("1.08500000000001");
        assertThat(state.value(StateField.TOTAL_VALUE, 0)).isEqualTo("9999999999999");
        assertThat(state.value(StateField.LAST_PRICE, 0)).isEqualTo("1e3");
    }

    @Test
    void shouldReturnTheSameSnapshotWhenNothingChanges() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD), "{\"Aggregate\":{\"last_price\":1.0850}}");
        assertThat(merge(state, "{\"Aggregate\":{\"last_price\":1.0850}}")).isSameAs(state);
        assertThat(merge(state, "{}")).isSameAs(state);
    }

    @Test
    void shouldTreatADifferentSpellingOfTheSameNumberAsAChange() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD), "{\"Aggregate\":{\"last_price\":1.0850}}");
        InstrumentState next = merge(state, "{\"Aggregate\":{\"last_price\":1.085}}");
        assertThat(next.version()).isEqualTo(state.version() + 1);
        assertThat(next.value(StateField.LAST_PRICE, 0)).isEqualTo("1.085");
    }

    @Test
    void shouldMergeEnvelopeAndBareFormsAlike() throws Exception {
        InstrumentState bare = merge(InstrumentState.initial(EURUSD), "{\"ContractInfo\":{\"open_interest\":5}}");
        InstrumentState wrapped = merge(InstrumentState.initial(EURUSD),
                "{\"seq\":3,\"ts\":1709742000000,\"data\":{\"ContractInfo\":{\"open_interest\":5}}}");
        assertThat(wrapped.value(StateField.OPEN_INTEREST, 0)).isEqualTo(bare.value(StateField.OPEN_INTEREST, 0));
        assertThat(wrapped.seq()).isEqualTo(3);
        assertThat(wrapped.timeMicros()).isEqualTo(1_709_742_000_000_000L);
        assertThat(bare.timeMicros()).isEqualTo(1_000_000L);
    }

    @Test
    void shouldIgnoreAnUpdateWhoseSequenceIsNotNewer() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD), "{\"seq\":7,\"data\":{\"Aggregate\":{\"trade_count\":1}}}");
        assertThat(merge(state, "{\"seq\":7,\"data\":{\"Aggregate\":{\"trade_count\":2}}}")).isSameAs(state);
        assertThat(merge(state, "{\"seq\":8,\"data\":{\"Aggregate\":{\"trade_count\":2}}}").value(StateField.TRADE_COUNT, 0))
                .isEqualTo("2");
    }

    @Test
    void shouldRestartTheSequenceCheckWithANewEpochAndRefuseLateMessagesOfTheOldOne() throws Exception {
        InstrumentState poisoned = merge(InstrumentState.initial(EURUSD),
                "{\"seq\":1000000000,\"data\":{\"Aggregate\":{\"trade_count\":1}}}");
        assertThat(poisoned.isStale(StateUpdateParser.parse("{\"seq\":1,\"data\":{}}"))).isTrue();

        InstrumentState restarted = merge(poisoned, "{\"seq\":1,\"epoch\":\"b\",\"data\":{\"Aggregate\":{\"trade_count\":2}}}");
        assertThat(restarted.epoch()).isEqualTo("b");
        assertThat(restarted.seq()).isEqualTo(1);
        assertThat(restarted.value(StateField.TRADE_COUNT, 0)).isEqualTo("2");

        InstrumentState again = merge(restarted, "{\"seq\":1,\"epoch\":\"c\",\"data\":{\"Aggregate\":{\"trade_count\":3}}}");
        assertThat(again.isStale(StateUpdateParser.parse("{\"seq\":99,\"epoch\":\"b\",\"data\":{}}")))
                .as("a late message of the replaced epoch b").isTrue();
        assertThat(again.isStale(StateUpdateParser.parse("{\"seq\":2,\"epoch\":\"c\",\"data\":{}}"))).isFalse();
        assertThat(again.isStale(StateUpdateParser.parse("{\"seq\":1,\"data\":{}}"))).as("no epoch: the current count").isTrue();
    }

    @Test
    void shouldRejectAnEpochThatIsNeitherAStringNorAnInteger() {
        assertThatThrownBy(() -> StateUpdateParser.parse("{\"epoch\":1.5,\"data\":{}}"))
                .isInstanceOf(MalformedUpdateException.class).hasMessageContaining("epoch");
    }

    @Test
    void shouldRejectALevelBeyondTheInstrumentsDepth() {
        assertThatThrownBy(() -> merge(InstrumentState.initial(EURUSD), "{\"BestLimit\":{\"4\":{\"buy_price\":1}}}"))
                .isInstanceOf(MalformedUpdateException.class).hasMessageContaining("depth 3");
    }

    @Test
    void shouldKeepZeroAndLongPlainDecimalsThatADoubleHolds() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD), "{\"Aggregate\":{\"last_price\":0.0e-500,"
                + "\"high_price\":1.5E+3,\"low_price\":0." + "0".repeat(320) + "1}}");
        assertThat(state.value(StateField.LAST_PRICE, 0)).isEqualTo("0.0e-500");
        assertThat(state.value(StateField.HIGH_PRICE, 0)).isEqualTo("1.5E+3");
        assertThat(state.value(StateField.LOW_PRICE, 0)).endsWith("01");
    }

    @Test
    void shouldTellAnUpdateThatJumpsTooFarAboveTheSeqOfItsEpochButNotOneThatStartsANewEpoch() throws Exception {
        InstrumentState state = merge(InstrumentState.initial(EURUSD), "{\"seq\":7,\"epoch\":\"a\",\"data\":{}}");
        assertThat(state.jumpsBeyond(StateUpdateParser.parse("{\"seq\":107,\"data\":{}}"), 100)).isFalse();
        assertThat(state.jumpsBeyond(StateUpdateParser.parse("{\"seq\":108,\"data\":{}}"), 100)).isTrue();
        assertThat(state.jumpsBeyond(StateUpdateParser.parse("{\"seq\":9223372036854775807,\"epoch\":\"a\",\"data\":{}}"), 100))
                .isTrue();
        assertThat(state.jumpsBeyond(StateUpdateParser.parse("{\"seq\":9223372036854775807,\"epoch\":\"b\",\"data\":{}}"), 100))
                .as("a new epoch starts where it likes").isFalse();
    }

    @Test
    void shouldRejectMalformedUpdatesWithAReason() {
        Map<String, String> cases = Map.ofEntries(Map.entry("nope", "not valid JSON"),
                Map.entry("[1]", "must be a JSON object"),
                Map.entry("{\"Aggregate\":{\"last_price\":\"1\"}}", "must be a number"),
                Map.entry("{\"Aggregate\":{\"date\":5}}", "must be a string"),
                Map.entry("{\"Aggregate\":{\"colour\":1}}", "unknown field Aggregate.colour"),
                Map.entry("{\"Weather\":{}}", "unknown section"),
                Map.entry("{\"BestLimit\":{\"x\":{}}}", "level must be 1..20"),
                Map.entry("{\"seq\":1.5}", "seq must be an integer"),
                Map.entry("{\"Aggregate\":{}} {}", "trailing content"),
                Map.entry("{\"Aggregate\":{\"last_price\":1e309}}", "not a finite number"),
                Map.entry("{\"Aggregate\":{\"last_price\":0.1e-400}}", "not a finite number"),
                Map.entry("{\"Aggregate\":{\"last_price\":1,\"last_price\":2}}", "field given twice: Aggregate.last_price"),
                Map.entry("{\"seq\":1,\"seq\":2}", "key given twice: seq"),
                Map.entry("{\"Aggregate\":{},\"data\":{\"Aggregate\":{}}}", "key given twice: Aggregate"),
                Map.entry("{\"BestLimit\":{\"1\":{\"buy_price\":1},\"1\":{\"sell_price\":2}}}", "key given twice: BestLimit.1"),
                Map.entry("{\"BestLimit\":{\"20\":{\"sell_price\":1,\"sell_price\":2}}}", "field given twice: BestLimit.20.sell_price"),
                Map.entry("{\"seq\":-2}", "seq must not be negative"));
        cases.forEach((json, reason) -> assertThatThrownBy(() -> StateUpdateParser.parse(json))
                .as(json).isInstanceOf(MalformedUpdateException.class).hasMessageContaining(reason));
    }

    @Test
    void shouldRoundTripTheStoredPathForm() throws Exception {
        StateUpdate update = StateUpdateParser.parse(
                "{\"seq\":4,\"ts\":99,\"data\":{\"BestLimit\":{\"2\":{\"sell_quantity\":10}},\"Aggregate\":{\"time\":\"12:00\"}}}");
        StateUpdate back = StatePaths.toUpdate(update.toPaths());
        assertThat(back).isEqualTo(update);
    }
}
