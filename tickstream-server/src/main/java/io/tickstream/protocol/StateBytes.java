package io.tickstream.protocol;

import io.netty.buffer.ByteBuf;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.Section;
import io.tickstream.state.StateField;
import io.tickstream.transport.JsonBytes;

/**
 * Writes a state as the IME {@code data} object straight into a buffer: every field name and
 * level key is pre-encoded once, values are copied as their text. The same bytes as
 * {@link io.tickstream.state.StatePayloadWriter} writes with Jackson, several times faster.
 * Stateless and thread-safe.
 */
public final class StateBytes {

    private static final StateField[] FIELDS = StateField.values();
    /** {@code "name":} per field, preceded by a comma except for the first field of its object. */
    private static final byte[][] NAMES = new byte[FIELDS.length][];
    private static final byte[][] LEVEL_OPENERS = new byte[Instrument.MAX_DEPTH + 1][];
    private static final byte[][] SECTION_OPENERS = new byte[Section.values().length][];

    static {
        for (StateField field : FIELDS) {
            boolean first = field == StateField.BUY_QUANTITY || field == StateField.DATE
                    || field == StateField.MIN_ALLOWED_PRICE || field == StateField.OPEN_INTEREST;
            NAMES[field.ordinal()] = JsonBytes.literal((first ? "" : ",") + '"' + field.wireName() + "\":");
        }
        for (int level = 1; level <= Instrument.MAX_DEPTH; level++) {
            LEVEL_OPENERS[level] = JsonBytes.literal((level == 1 ? "" : ",") + '"' + level + "\":{");
        }
        for (Section section : Section.values()) {
            SECTION_OPENERS[section.ordinal()] = JsonBytes.literal(
                    (section == Section.BEST_LIMIT ? "" : ",") + '"' + section.wireName() + "\":{");
        }
    }

    private StateBytes() {
    }

    /** A size that holds the payload of an instrument of this depth without growing the buffer. */
    public static int sizeHint(Instrument instrument) {
        return 420 + 110 * instrument.depth();
    }

    public static void write(ByteBuf out, InstrumentState state) {
        int depth = state.instrument().depth();
        out.writeByte('{');
        out.writeBytes(SECTION_OPENERS[Section.BEST_LIMIT.ordinal()]);
        for (int level = 1; level <= depth; level++) {
            out.writeBytes(LEVEL_OPENERS[level]);
            for (int f = 0; f < StateField.LEVEL_WIDTH; f++) {
                field(out, state, FIELDS[f], level);
            }
            out.writeByte('}');
        }
        out.writeByte('}');
        Section open = Section.BEST_LIMIT;
        for (int f = StateField.LEVEL_WIDTH; f < FIELDS.length; f++) {
            StateField field = FIELDS[f];
            if (field.section() != open) {
                if (open != Section.BEST_LIMIT) {
                    out.writeByte('}');
                }
                open = field.section();
                out.writeBytes(SECTION_OPENERS[open.ordinal()]);
            }
            field(out, state, field, 0);
        }
        out.writeByte('}');
        out.writeByte('}');
    }

    private static void field(ByteBuf out, InstrumentState state, StateField field, int level) {
        out.writeBytes(NAMES[field.ordinal()]);
        value(out, field, state.value(field, level));
    }

    /** One field's value as the {@code data} object types it: text fields as strings, the others as raw numbers. */
    static void value(ByteBuf out, StateField field, String value) {
        if (field.isText()) {
            JsonBytes.string(out, value);
        } else {
            JsonBytes.number(out, value);
        }
    }
}
