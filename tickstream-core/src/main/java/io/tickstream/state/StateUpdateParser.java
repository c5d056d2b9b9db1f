package io.tickstream.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.tickstream.instrument.Instrument;
import io.tickstream.json.JsonNumbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Parses a market-data update (a bare state object or a {@code {seq, epoch, ts, data}} envelope) with
 * Jackson's streaming parser, keeping every number as its original text. A key given twice in one
 * object, and a number no client could read as a finite double (one that overflows to infinity or
 * underflows to zero, such as {@code 1e309} or {@code 0.1e-400}), make the update malformed.
 * Stateless and thread-safe.
 */
public final class StateUpdateParser {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "seq" -> seq = readLong(parser, "seq");
                    case "ts" -> ts = readLong(parser, "ts");
                    case "epoch" -> epoch = readEpoch(parser);
                    case "data" -> readSections(parser, changes);
                    default -> readSection(parser, sectionNamed(name), changes);
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

    private static void readSections(JsonParser parser, List<FieldChange> changes)
            throws IOException, MalformedUpdateException {
        expectObject(parser, "data");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Section section = sectionNamed(parser.currentName());
            parser.nextToken();
            readSection(parser, section, changes);
        }
    }

    /** A field set twice, by a repeated key or once at the top level and once under {@code data}, is refused. */
    private static void rejectRepeated(List<FieldChange> changes) throws MalformedUpdateException {
        if (changes.size() < 2) {
            return;
        }
        BitSet seen = new BitSet();
        for (FieldChange change : changes) {
            int slot = change.field().ordinal() * (Instrument.MAX_DEPTH + 1) + change.level();
            if (seen.get(slot)) {
                throw new MalformedUpdateException("field given twice: " + change.path());
            }
            seen.set(slot);
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
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (section == Section.BEST_LIMIT) {
                readLevel(parser, levelNumber(name), changes);
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
