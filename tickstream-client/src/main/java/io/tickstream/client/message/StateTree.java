package io.tickstream.client.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state's {@code data} object as an ordered tree whose leaves keep their exact text, so that a
 * delta can be merged into it and the result written again as the server writes a full state: the
 * base's order (a key the base lacks goes after the others), numbers as received, strings quoted and
 * escaped. Stateless and thread-safe.
 */
final class StateTree {

    private static final JsonFactory JSON = new JsonFactory();

    /** A value that is not an object: its text (unescaped for a string) and its kind. */
    private record Leaf(String text, JsonToken token) {
    }

    private StateTree() {
    }

    static State merge(State base, StateDelta delta) throws MalformedMessageException {
        Map<String, Object> tree = read(base.data());
        put(tree, read(delta.delta()));
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", tree, fields);
        return new State(base.symbol(), fields, delta.time(), write(tree), delta.seq());
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, Map<String, Object> changes) {
        changes.forEach((name, value) -> {
            if (value instanceof Map<?, ?> nested && into.get(name) instanceof Map<?, ?> existing) {
                put((Map<String, Object>) existing, (Map<String, Object>) nested);
            } else {
                into.put(name, value);
            }
        });
    }

    /** Every leaf by dotted path, as {@link MessageParser} gives a full state's: numbers as plain text, nulls left out. */
    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> into) {
        tree.forEach((name, value) -> {
            String path = prefix.isEmpty() ? name : prefix + '.' + name;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, into);
            } else {
                Leaf leaf = (Leaf) value;
                switch (leaf.token()) {
                    case VALUE_NULL -> { }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> into.put(path, new BigDecimal(leaf.text()).toPlainString());
                    default -> into.put(path, leaf.text());
                }
            }
        });
    }

    private static Map<String, Object> read(String text) throws MalformedMessageException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMessageException("a state's data must be an object: " + JsonObjectReader.abbreviate(text));
            }
            return object(parser);
        } catch (IOException e) {
            throw new MalformedMessageException("invalid state data: " + JsonObjectReader.abbreviate(text), e);
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                map.put(name, object(parser));
            } else if (token.isScalarValue()) {
                map.put(name, new Leaf(parser.getText(), token));
            } else {
                throw new IOException("unexpected " + token + " in a state");
            }
        }
        return map;
    }

    private static String write(Map<String, Object> tree) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator json, Map<String, Object> tree) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            json.writeFieldName(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested) {
                write(json, (Map<String, Object>) nested);
            } else if (entry.getValue() instanceof Leaf leaf && leaf.token() == JsonToken.VALUE_STRING) {
                json.writeString(leaf.text());
            } else {
                json.writeRawValue(((Leaf) entry.getValue()).text());
            }
        }
        json.writeEndObject();
    }
}
