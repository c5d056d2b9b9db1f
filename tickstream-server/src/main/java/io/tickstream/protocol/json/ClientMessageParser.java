package io.tickstream.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-protocol client message with the streaming parser. Fields it does not know are
 * skipped; known fields of the wrong type are errors. Stateless and thread-safe.
 */
public final class ClientMessageParser {

    private static final JsonFactory JSON = new JsonFactory();

    private ClientMessageParser() {
    }

    /** Thrown with the text of the error message the client gets. */
    public static final class InvalidMessage extends Exception {
        InvalidMessage(String message) {
            super(message, null, false, false);
        }
    }

    public static ClientMessage parse(String text) throws InvalidMessage {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessage("Invalid JSON: a message must be an object");
            }
            String type = null;
            String apiKey = null;
            String token = null;
            String channel = null;
            Integer depth = null;
            List<String> symbols = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = string(parser, value, name);
                    case "apiKey" -> apiKey = string(parser, value, name);
                    case "token" -> token = string(parser, value, name);
                    case "channel" -> channel = string(parser, value, name);
                    case "symbol" -> symbols = add(symbols, string(parser, value, name));
                    case "symbols" -> symbols = strings(parser, value, symbols);
                    case "depth" -> depth = integer(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessage("Invalid JSON: trailing content after the message");
            }
            if (type == null) {
                throw new InvalidMessage("Missing field: type");
            }
            return new ClientMessage(type, apiKey, token, symbols, channel, depth);
        } catch (IOException e) {
            throw new InvalidMessage("Invalid JSON");
        }
    }

    private static String string(JsonParser parser, JsonToken value, String name) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidMessage("Invalid field: " + name + " must be a string");
        }
        return parser.getText();
    }

    private static List<String> strings(JsonParser parser, JsonToken value, List<String> into)
            throws IOException, InvalidMessage {
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidMessage("Invalid field: symbols must be an array of strings");
        }
        List<String> symbols = into;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            symbols = add(symbols, string(parser, parser.currentToken(), "symbols[]"));
        }
        return symbols;
    }

    private static Integer integer(JsonParser parser, JsonToken value) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidMessage("Invalid field: depth must be an integer");
        }
        return parser.getIntValue();
    }

    private static List<String> add(List<String> list, String value) {
        List<String> target = list == null ? new ArrayList<>() : list;
        target.add(value);
        return target;
    }
}
