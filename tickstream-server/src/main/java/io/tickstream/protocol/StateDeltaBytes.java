package io.tickstream.protocol;

import io.netty.buffer.ByteBuf;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.Section;
import io.tickstream.state.StateField;
import io.tickstream.transport.JsonBytes;

/**
 * Writes what changed between two states of one instrument as a partial IME {@code data} object:
 * only the sections, BestLimit levels and fields whose value differs, in the order, with the names
 * and the value typing of {@link StateBytes}, so that merging it into the earlier full object gives
 * the later one. Names are pre-encoded once. Stateless and thread-safe.
 */
public final class StateDeltaBytes {

    private static final StateField[] FIELDS = StateField.values();
    /** {@code "name":} per field; the comma between fields is written separately. */
    private static final byte[][] NAMES = new byte[FIELDS.length][];
    private static final byte[][] LEVEL_OPENERS = new byte[Instrument.MAX_DEPTH + 1][];
    private static final byte[][] SECTION_OPENERS = new byte[Section.values().length][];

    static {
        for (StateField field : FIELDS) {
            NAMES[field.ordinal()] = JsonBytes.literal('"' + field.wireName() + "\":");
        }
        for (int level = 1; level <= Instrument.MAX_DEPTH; level++) {
            LEVEL_OPENERS[level] = JsonBytes.literal("\"" + level + "\":{");
        }
        for (Section section : Section.values()) {
            SECTION_OPENERS[section.ordinal()] = JsonBytes.literal('"' + section.wireName() + "\":{");
        }
    }

    private StateDeltaBytes() {
    }

    /**
     * Writes the object of the fields of {@code next} that differ from {@code previous}, two states
     * of the same instrument. Returns false when none differs (the object written is then {@code {}}).
     */
    public static boolean write(ByteBuf out, InstrumentState previous, InstrumentState next) {
        out.writeByte('{');
        boolean written = bestLimit(out, previous, next);
        Section open = null;
        for (int f = StateField.LEVEL_WIDTH; f < FIELDS.length; f++) {
            StateField field = FIELDS[f];
            String value = next.value(field, 0);
            if (value.equals(previous.value(field, 0))) {
                continue;
            }
            if (field.section() != open) {
                if (open != null) {
                    out.writeByte('}');
                }
                if (written) {
                    out.writeByte(',');
                }
                open = field.section();
                out.writeBytes(SECTION_OPENERS[open.ordinal()]);
                written = true;
            } else {
                out.writeByte(',');
            }
            out.writeBytes(NAMES[f]);
            StateBytes.value(out, field, value);
        }
        if (open != null) {
            out.writeByte('}');
        }
        out.writeByte('}');
        return written;
    }

    /** The BestLimit section of the levels that changed, if any; returns whether it was written. */
    private static boolean bestLimit(ByteBuf out, InstrumentState previous, InstrumentState next) {
        boolean open = false;
        for (int level = 1; level <= next.instrument().depth(); level++) {
            if (!next.levelDiffers(previous, level)) {
                continue;
            }
            if (open) {
                out.writeByte(',');
            } else {
                out.writeBytes(SECTION_OPENERS[Section.BEST_LIMIT.ordinal()]);
                open = true;
            }
            out.writeBytes(LEVEL_OPENERS[level]);
            boolean first = true;
            for (int f = 0; f < StateField.LEVEL_WIDTH; f++) {
                StateField field = FIELDS[f];
                String value = next.value(field, level);
                if (value.equals(previous.value(field, level))) {
                    continue;
                }
                if (!first) {
                    out.writeByte(',');
                }
                first = false;
                out.writeBytes(NAMES[f]);
                StateBytes.value(out, field, value);
            }
            out.writeByte('}');
        }
        if (open) {
            out.writeByte('}');
        }
        return open;
    }
}
