package io.tickstream.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.instrument.Instrument;
import java.io.IOException;

/** Writes a state as the IME {@code data} object. Stateless and thread-safe. */
public final class StatePayloadWriter {

    private static final String[] LEVEL_NAMES = new String[Instrument.MAX_DEPTH + 1];

    static {
        for (int i = 1; i < LEVEL_NAMES.length; i++) {
            LEVEL_NAMES[i] = Integer.toString(i);
        }
    }

    private StatePayloadWriter() {
    }

    public static void write(JsonGenerator out, InstrumentState state) throws IOException {
        out.writeStartObject();
        out.writeFieldName(Section.BEST_LIMIT.wireName());
        out.writeStartObject();
        int depth = state.instrument().depth();
        for (int level = 1; level <= depth; level++) {
            out.writeFieldName(LEVEL_NAMES[level]);
            out.writeStartObject();
            for (StateField field : SectionFields.of(Section.BEST_LIMIT)) {
                writeField(out, state, field, level);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
        for (Section section : Section.values()) {
            if (section == Section.BEST_LIMIT) {
                continue;
            }
            out.writeFieldName(section.wireName());
            out.writeStartObject();
            for (StateField field : SectionFields.of(section)) {
                writeField(out, state, field, 0);
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void writeField(JsonGenerator out, InstrumentState state, StateField field, int level)
            throws IOException {
        out.writeFieldName(field.wireName());
        String value = state.value(field, level);
        if (field.isText()) {
            out.writeString(value);
        } else {
            out.writeNumber(value);
        }
    }

    /** The fields of each section, computed once so that writing allocates nothing for the layout. */
    private static final class SectionFields {
        private static final StateField[][] BY_SECTION = new StateField[Section.values().length][];

        static {
            for (Section section : Section.values()) {
                BY_SECTION[section.ordinal()] = StateField.of(section).toArray(new StateField[0]);
            }
        }

        static StateField[] of(Section section) {
            return BY_SECTION[section.ordinal()];
        }
    }
}
