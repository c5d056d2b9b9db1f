package io.tickstream.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.instrument.Instrument;
import io.tickstream.json.JsonNumbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a market-data update (a bare state object or a {@code {seq, epoch, ts, data}} envelope) with
 * Jackson's streaming parser, keeping every number as its original text. A key given twice (in one
 * object, or a section both at the top and under {@code data}), and a number no client could read
 * as a finite double (one that overflows to infinity or underflows to zero, such as {@code 1e309}
 * or {@code 0.1e-400}), make the update malformed. Stateless and thread-safe.
 */
public final class StateUpdateParser {

    private static final JsonFactory JSON = new JsonFactory();
    /** Bits of the envelope's keys in the mask of keys seen; sections follow from {@link #SECTIONS}. */
    private static final int SEQ = 1;
    private static final int TS = 1 << 1;
    private static final int EPOCH = 1 << 2;
    private static final int DATA = 1 << 3;
    private static final int SECTIONS = 4;

    private StateUpdateParser() {
    }

    public static StateUpdate parse(String json) throws MalformedUpdateException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedUpdateException("update must be a JSON object");
            }
            long seq = StateUpdate.ABSENT;
            long ts = StateUpdate.ABSENT;
            String epoch = null;
            List<FieldChange> changes = new ArrayList<>();
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "seq" -> {
                        seen = once(seen, SEQ, name);
                        seq = readLong(parser, "seq");
                    }
                    case "ts" -> {
                        seen = once(seen, TS, name);
                        ts = readLong(parser, "ts");
                    }
                    case "epoch" -> {
                        seen = once(seen, EPOCH, name);
                        epoch = readEpoch(parser);
                    }
                    case "data" -> seen = readSections(parser, changes, once(seen, DATA, name));
                    default -> {
                        Section section = sectionNamed(name);
                        seen = once(seen, 1 << (SECTIONS + section.ordinal()), name);
                        readSection(parser, section, changes);
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedUpdateException("trailing content after the update object");
            }
            rejectRepeated(changes);
            return new StateUpdate(seq, epoch, ts, changes);
        } catch (JsonProcessingException e) {
            throw new MalformedUpdateException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedUpdateException("unreadable update: " + e.getMessage(), e);
        }
    }

    /** Reads the sections under {@code data}; returns {@code seen} with theirs added. */
    private static int readSections(JsonParser parser, List<FieldChange> changes, int seen)
            throws IOException, MalformedUpdateException {
        expectObject(parser, "data");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Section section = sectionNamed(name);
            seen = once(seen, 1 << (SECTIONS + section.ordinal()), name);
            parser.nextToken();
            readSection(parser, section, changes);
        }
        return seen;
    }

    /** {@code seen} with {@code bit} added; an update that gives a key twice is malformed. */
    private static int once(int seen, int bit, String name) throws MalformedUpdateException {
        if ((seen & bit) != 0) {
            throw new MalformedUpdateException("key given twice: " + name);
        }
        return seen | bit;
    }

    /**
     * A field set twice (a key repeated in one object, or a section given both at the top and under
     * {@code data}) is refused. Tracked in three words, without allocating: the flat fields by
     * ordinal, and the {@value StateField#LEVEL_WIDTH} BestLimit fields of levels 1..20 in 80 bits.
     */
    private static void rejectRepeated(List<FieldChange> changes) throws MalformedUpdateException {
        long flat = 0;
        long levelsLow = 0;
        long levelsHigh = 0;
        for (FieldChange change : changes) {
            boolean repeated;
            if (change.field().isLevelled()) {
                int slot = (change.level() - 1) * StateField.LEVEL_WIDTH + change.field().ordinal();
                long bit = 1L << (slot & 63);
                if (slot < 64) {
                    repeated = (levelsLow & bit) != 0;
                    levelsLow |= bit;
                } else {
                    repeated = (levelsHigh & bit) != 0;
                    levelsHigh |= bit;
                }
            } else {
                long bit = 1L << change.field().ordinal();
                repeated = (flat & bit) != 0;
                flat |= bit;
            }
            if (repeated) {
                throw new MalformedUpdateException("field given twice: " + change.path());
            }
        }
    }

    private static Section sectionNamed(String name) throws MalformedUpdateException {
        Section section = Section.fromWireName(name);
        if (section == null) {
            throw new MalformedUpdateException("unknown section or field: " + name);
        }
        return section;
    }

    private static void readSection(JsonParser parser, Section section, List<FieldChange> changes)
            throws IOException, MalformedUpdateException {
        expectObject(parser, section.wireName());
        int levels = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (section == Section.BEST_LIMIT) {
                int level = levelNumber(name);
                if ((levels & 1 << level) != 0) {
                    throw new MalformedUpdateException("key given twice: BestLimit." + name);
                }
                levels |= 1 << level;
                readLevel(parser, level, changes);
            } else {
                changes.add(readField(parser, section, name, 0));
            }
        }
    }

    private static void readLevel(JsonParser parser, int level, List<FieldChange> changes)
            throws IOException, MalformedUpdateException {
        expectObject(parser, "BestLimit." + level);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            changes.add(readField(parser, Section.BEST_LIMIT, name, level));
        }
    }

    private static FieldChange readField(JsonParser parser, Section section, String name, int level)
            throws IOException, MalformedUpdateException {
        StateField field = StateField.find(section, name);
        if (field == null) {
            throw new MalformedUpdateException("unknown field " + section.wireName() + "." + name);
        }
        JsonToken token = parser.currentToken();
        boolean ok = field.isText()
                ? token == JsonToken.VALUE_STRING
                : token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        if (!ok) {
            throw new MalformedUpdateException(section.wireName() + "." + name + " must be "
                    + (field.isText() ? "a string" : "a number") + ", was " + parser.getText());
        }
        String value = parser.getText();
        if (!field.isText() && !JsonNumbers.finite(value)) {
            throw new MalformedUpdateException(section.wireName() + "." + name + " is not a finite number: "
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value));
        }
        return new FieldChange(field, level, value);
    }

    private static int levelNumber(String name) throws MalformedUpdateException {
        try {
            int level = Integer.parseInt(name);
            if (level >= 1 && level <= Instrument.MAX_DEPTH) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedUpdateException("BestLimit level must be 1..20, was " + name);
    }

    private static long readLong(JsonParser parser, String name) throws IOException, MalformedUpdateException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedUpdateException(name + " must be an integer, was " + parser.getText());
        }
        long value = parser.getLongValue();
        if (value < 0) {
            throw new MalformedUpdateException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** An epoch is an opaque token: a string, or an integer kept as its text. */
    private static String readEpoch(JsonParser parser) throws IOException, MalformedUpdateException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedUpdateException("epoch must be a string or an integer, was " + parser.getText());
        }
        String epoch = parser.getText();
        if (epoch.isEmpty() || epoch.length() > 64) {
            throw new MalformedUpdateException("epoch must have 1 to 64 characters");
        }
        return epoch;
    }

    private static void expectObject(JsonParser parser, String what) throws MalformedUpdateException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedUpdateException(what + " must be an object");
        }
    }
}
