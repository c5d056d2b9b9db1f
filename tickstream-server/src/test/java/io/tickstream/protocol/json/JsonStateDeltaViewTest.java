package io.tickstream.protocol.json;

import static io.tickstream.protocol.json.StateMessages.json;
import static io.tickstream.protocol.json.StateMessages.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.FieldChange;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateField;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStateDeltaViewTest {

    private static final Instrument DEEP = new Instrument("5", "DEEP5", 5, "five levels");
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final String[] TEXTS = {"", "1405/03/02", "12:30:00", "a\"b\\c\n\u0001", "۱۴۰۵/۰۳/۰۲", "/"};

    private final JsonViews views = new JsonViews();
    private final JsonStateDeltaView deltas = views.stateDelta;
    private final InstrumentState first = state(InstrumentState.initial(DEEP),
            "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}},"
                    + "\"Aggregate\":{\"last_price\":1.0851,\"date\":\"1405/03/02\"}}}");

    @Test
    void shouldWriteOnlyTheOneFieldThatChangedWhenOneFieldChanged() {
        InstrumentState next = state(first, "{\"ts\":1709742000001,\"data\":{\"Aggregate\":{\"last_price\":1.0853}}}");

        assertThat(payload(deltas.encodeChange(first, next, ALLOC))).isEqualTo(
                "{\"type\":\"state\",\"symbol\":\"DEEP5\",\"seq\":2,\"delta\":{\"Aggregate\":{\"last_price\":1.0853}},"
                        + "\"time\":1709742000001}");
    }

    @Test
    void shouldWriteEachChangedSectionInWireOrderWhenSeveralSectionsChanged() {
        InstrumentState next = state(first, "{\"ts\":1709742000002,\"data\":{\"ContractInfo\":{\"open_interest\":40},"
                + "\"AllowedPriceRange\":{\"maxAllowedPrice\":2,\"minAllowedPrice\":0.5},"
                + "\"Aggregate\":{\"high_price\":1.09,\"trade_count\":7}}}");

        assertThat(payload(deltas.encodeChange(first, next, ALLOC))).contains(
                "\"delta\":{\"Aggregate\":{\"trade_count\":7,\"high_price\":1.09},"
                        + "\"AllowedPriceRange\":{\"minAllowedPrice\":0.5,\"maxAllowedPrice\":2},"
                        + "\"ContractInfo\":{\"open_interest\":40}},");
    }

    @Test
    void shouldWriteOnlyTheChangedLevelsAndTheirChangedFieldsWhenTheBookMoved() {
        InstrumentState next = state(first, "{\"BestLimit\":{\"3\":{\"sell_quantity\":12,\"buy_quantity\":4},"
                + "\"1\":{\"sell_price\":1.0854},\"5\":{\"buy_price\":1.07}}}");

        assertThat(payload(deltas.encodeChange(first, next, ALLOC))).contains(
                "\"delta\":{\"BestLimit\":{\"1\":{\"sell_price\":1.0854},\"3\":{\"buy_quantity\":4,\"sell_quantity\":12},"
                        + "\"5\":{\"buy_price\":1.07}}},");
    }

    @Test
    void shouldQuoteAndEscapeTextFieldsWhenTheyChanged() {
        InstrumentState next = state(first, "{\"Aggregate\":{\"time\":\"a\\\"b\\\\c\\n\",\"date\":\"۱۴۰۵/۰۳/۰۲\"},"
                + "\"BestLimit\":{\"2\":{\"buy_price\":-3e2}}}");

        assertThat(payload(deltas.encodeChange(first, next, ALLOC))).contains(
                "\"delta\":{\"BestLimit\":{\"2\":{\"buy_price\":-3e2}},"
                        + "\"Aggregate\":{\"date\":\"۱۴۰۵/۰۳/۰۲\",\"time\":\"a\\\"b\\\\c\\n\"}},");
    }

    @Test
    void shouldWriteNothingWhenNoFieldDiffers() {
        assertThat(deltas.encodeChange(first, first, ALLOC)).isNull();
    }

    @Test
    void shouldSendTheFirstChangeInFullWhenItIsTakenAgainstTheInitialStateThatNoOneWasSent() {
        assertThat(payload(deltas.encodeChange(InstrumentState.initial(DEEP), first, ALLOC)))
                .isEqualTo(payload(views.state.encodeSnapshot(first, ALLOC)));
    }

    @Test
    void shouldSendTheFullStateMessageAsTheSnapshot() {
        assertThat(payload(deltas.encodeSnapshot(first, ALLOC))).isEqualTo(payload(views.state.encodeSnapshot(first, ALLOC)));
    }

    @Test
    void shouldGiveTheNextFullStateWhenEachDeltaIsAppliedToThePreviousOneOverRandomChanges() {
        Random random = new Random(13);
        InstrumentState previous = first;
        Map<String, Object> base = data(previous);
        for (int merge = 0; merge < 500; merge++) {
            InstrumentState next = randomChange(previous, random);
            if (next.version() == previous.version()) {
                continue;
            }
            ByteBuf frame = deltas.encodeChange(previous, next, ALLOC);
            if (frame == null) {
                assertThat(data(next)).as("no delta only when an update set a field and then set it back").isEqualTo(base);
                previous = next;
                continue;
            }
            Map<String, Object> message = json(payload(frame));
            assertThat(List.copyOf(message.keySet())).containsExactly("type", "symbol", "seq", "delta", "time");
            assertThat(message.get("seq")).hasToString(Long.toString(next.sequence()));
            assertOnlyChangedFields(base, message);

            base = StateMessages.apply(base, message);

            Map<String, Object> expected = data(next);
            assertThat(base).as("after merge %d", merge).isEqualTo(expected);
            assertThat(base).as("field order after merge %d", merge).hasToString(expected.toString());
            previous = next;
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertOnlyChangedFields(Map<String, Object> base, Map<String, Object> message) {
        Map<String, Object> delta = (Map<String, Object>) message.get("delta");
        assertThat(delta).isNotEmpty();
        assertThat(StateMessages.merge(base, delta)).as("a delta that changes nothing").isNotEqualTo(base);
        delta.forEach((section, fields) -> ((Map<String, Object>) fields).forEach((name, value) -> {
            Map<String, Object> old = (Map<String, Object>) base.get(section);
            if (value instanceof Map<?, ?> level) {
                ((Map<String, Object>) level).forEach((field, leaf) ->
                        assertThat(leaf).isNotEqualTo(((Map<String, Object>) old.get(name)).get(field)));
            } else {
                assertThat(value).as("%s.%s", section, name).isNotEqualTo(old.get(name));
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(InstrumentState state) {
        return (Map<String, Object>) json(payload(views.state.encodeSnapshot(state, ALLOC))).get("data");
    }

    /** One to four fields set at random, some to the value they already have. */
    private static InstrumentState randomChange(InstrumentState state, Random random) {
        List<FieldChange> changes = new ArrayList<>();
        StateField[] fields = StateField.values();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            StateField field = fields[random.nextInt(fields.length)];
            int level = field.isLevelled() ? 1 + random.nextInt(DEEP.depth()) : 0;
            String value = field.isText() ? TEXTS[random.nextInt(TEXTS.length)]
                    : random.nextInt(5) == 0 ? state.value(field, level)
                    : random.nextInt(1000) + (random.nextBoolean() ? "." + random.nextInt(100) : "");
            changes.add(new FieldChange(field, level, value));
        }
        try {
            return state.merge(new StateUpdate(StateUpdate.ABSENT, StateUpdate.ABSENT, changes), random.nextLong() >>> 20);
        } catch (MalformedUpdateException e) {
            throw new AssertionError(e);
        }
    }

    private static InstrumentState state(InstrumentState from, String update) {
        try {
            return from.merge(StateUpdateParser.parse(update), 1);
        } catch (MalformedUpdateException e) {
            throw new AssertionError(e);
        }
    }
}
