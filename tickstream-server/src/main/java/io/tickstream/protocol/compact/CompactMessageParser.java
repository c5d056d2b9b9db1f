package io.tickstream.protocol.compact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"authorization":..}} and {@code {"event":..,"data":[..]}} messages; a {@code data}
 * object (an alert request's, read again by the alerts) is skipped. Stateless.
 */
public final class CompactMessageParser {

    private static final JsonFactory JSON = new JsonFactory();

    private CompactMessageParser() {
    }

    /** Thrown with the text of the error the client gets. */
    public static final class InvalidMessage extends Exception {
        InvalidMessage(String message) {
            super(message, null, false, false);
        }
    }

    public static CompactMessage parse(String text) throws InvalidMessage {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessage("Invalid JSON: a message must be an object");
            }
            String authorization = null;
            String event = null;
            List<String> data = null;
            String channel = null;
            String interval = null;
            Double maxRate = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "authorization" -> authorization = string(parser, value, name);
                    case "event" -> event = string(parser, value, name);
                    case "data" -> data = value == JsonToken.START_OBJECT ? skipped(parser) : strings(parser, value);
                    case "channel" -> channel = string(parser, value, name);
                    case "interval" -> interval = string(parser, value, name);
                    case "maxRate" -> maxRate = decimal(parser, value, name);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessage("Invalid JSON: trailing content");
            }
            return new CompactMessage(authorization, event, data, channel, interval, maxRate);
        } catch (IOException e) {
            throw new InvalidMessage("Invalid JSON");
        }
    }

    private static Double decimal(JsonParser parser, JsonToken value, String name) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidMessage(name + " must be a number");
        }
        return parser.getDoubleValue();
    }

    private static String string(JsonParser parser, JsonToken value, String name) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidMessage(name + " must be a string");
        }
        return parser.getText();
    }

    private static List<String> skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static List<String> strings(JsonParser parser, JsonToken value) throws IOException, InvalidMessage {
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidMessage("data must be an array of symbols");
        }
        List<String> symbols = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            symbols.add(string(parser, parser.currentToken(), "data[]"));
        }
        return symbols;
    }
}
