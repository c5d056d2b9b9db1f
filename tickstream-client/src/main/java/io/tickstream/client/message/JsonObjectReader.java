package io.tickstream.client.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one server message into maps and lists with Jackson's streaming parser. Numbers become
 * {@link BigDecimal}s made from their exact text (never a double in between); the top-level
 * {@code data} and {@code delta} values are also kept as their exact received text. Stateless and thread-safe.
 */
final class JsonObjectReader {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonObjectReader() {
    }

    /** A parsed message: its fields, and the text of its {@code data} and {@code delta} values (null when absent). */
    record Parsed(Map<String, Object> fields, String dataText, String deltaText) {
    }

    static Parsed read(String text) throws MalformedMessageException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMessageException("not a JSON object: " + abbreviate(text));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            String dataText = null;
            String deltaText = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                fields.put(name, value(parser, token));
                if (name.equals("data")) {
                    dataText = text.substring(start, (int) parser.currentLocation().getCharOffset());
                } else if (name.equals("delta")) {
                    deltaText = text.substring(start, (int) parser.currentLocation().getCharOffset());
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedMessageException("trailing content after the message: " + abbreviate(text));
            }
            return new Parsed(Collections.unmodifiableMap(fields), dataText, deltaText);
        } catch (IOException e) {
            throw new MalformedMessageException("invalid JSON: " + abbreviate(text), e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(value(parser, item));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new BigDecimal(parser.getText());
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
