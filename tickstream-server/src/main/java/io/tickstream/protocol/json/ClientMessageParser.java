package io.tickstream.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import io.tickstream.bus.StreamPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            ClientMessage.Since since = null;
            Boolean delta = null;
            String interval = null;
            Double maxRate = null;
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
                    case "since" -> since = since(parser, value);
                    case "delta" -> delta = bool(value, name);
                    case "interval" -> interval = string(parser, value, name);
                    case "maxRate" -> maxRate = decimal(parser, value, name);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidMessage("Invalid JSON: trailing content after the message");
            }
            if (type == null) {
                throw new InvalidMessage("Missing field: type");
            }
            return new ClientMessage(type, apiKey, token, symbols, channel, depth, since, delta, interval, maxRate);
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

    private static Boolean bool(JsonToken value, String name) throws InvalidMessage {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw new InvalidMessage("Invalid field: " + name + " must be a boolean");
        }
        return value == JsonToken.VALUE_TRUE;
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

    /** {@code {"epoch":E,"seq":N}}, or {@code {"SYMBOL":{"epoch":E,"seq":N},...}}. */
    private static ClientMessage.Since since(JsonParser parser, JsonToken value) throws IOException, InvalidMessage {
        if (value != JsonToken.START_OBJECT) {
            throw new InvalidMessage("Invalid field: since must be an object");
        }
        String epoch = null;
        long seq = -1;
        Map<String, StreamPosition> symbols = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "epoch" -> epoch = string(parser, token, "since.epoch");
                case "seq" -> seq = seq(parser, token, "since.seq");
                default -> symbols.put(name, position(parser, token, name));
            }
        }
        if ((epoch == null) != (seq < 0)) {
            throw new InvalidMessage("Invalid field: since needs both epoch and seq");
        }
        return new ClientMessage.Since(epoch == null ? null : new StreamPosition(epoch, seq), symbols);
    }

    private static StreamPosition position(JsonParser parser, JsonToken value, String symbol) throws IOException, InvalidMessage {
        if (value != JsonToken.START_OBJECT) {
            throw new InvalidMessage("Invalid field: since." + symbol + " must be {\"epoch\":..,\"seq\":..}");
        }
        String epoch = null;
        long seq = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "epoch" -> epoch = string(parser, token, "since." + symbol + ".epoch");
                case "seq" -> seq = seq(parser, token, "since." + symbol + ".seq");
                default -> parser.skipChildren();
            }
        }
        if (epoch == null || seq < 0) {
            throw new InvalidMessage("Invalid field: since." + symbol + " needs epoch and seq");
        }
        return new StreamPosition(epoch, seq);
    }

    /** A seq: an integer from 0 to 2^63 - 1; {@code field} names it in the error. */
    private static long seq(JsonParser parser, JsonToken value, String field) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || parser.getLongValue() < 0) {
            throw new InvalidMessage("Invalid field: " + field + " must be an integer from 0 to 9223372036854775807");
        }
        return parser.getLongValue();
    }

    private static Double decimal(JsonParser parser, JsonToken value, String name) throws IOException, InvalidMessage {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidMessage("Invalid field: " + name + " must be a number");
        }
        return parser.getDoubleValue();
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
