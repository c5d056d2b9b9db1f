package io.tickstream.bench.fault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.bus.StreamPosition;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a JSON-protocol message that the fault scenario's clients read; {@link #parse} is
 * stateless and thread-safe, a frame immutable.
 *
 * @param type    the message's type, "" when it has none
 * @param symbol  a trade's or a trades gap's symbol, or null
 * @param channel a subscribed reply's or a gap's channel, or null
 * @param success an auth reply's outcome, or null
 * @param seq     a trade's or account event's seq, or -1
 * @param probe   the publish time the bench put in a trade or account event ({@link StreamPublisher}), or -1
 * @param account an auth reply's account stream position, or null
 * @param streams a trades subscribed reply's stream positions by symbol (empty otherwise)
 */
record FaultFrame(String type, String symbol, String channel, Boolean success, long seq, long probe,
                  StreamPosition account, Map<String, StreamPosition> streams) {

    private static final JsonFactory JSON = new JsonFactory();

    static FaultFrame parse(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + text);
            }
            String type = "";
            String symbol = null;
            String channel = null;
            Boolean success = null;
            long seq = -1;
            long probe = -1;
            StreamPosition account = null;
            Map<String, StreamPosition> streams = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "type" -> type = parser.getText();
                    case "symbol" -> symbol = parser.getText();
                    case "channel" -> channel = parser.getText();
                    case "success" -> success = token == JsonToken.VALUE_TRUE;
                    case "seq" -> seq = parser.getLongValue();
                    case StreamPublisher.TRADE_PROBE -> probe = number(parser.getText());
                    case "data" -> probe = dataProbe(parser, token);
                    case "account" -> account = token == JsonToken.START_OBJECT ? position(parser) : null;
                    case "streams" -> streams(parser, streams);
                    default -> parser.skipChildren();
                }
            }
            return new FaultFrame(type, symbol, channel, success, seq, probe, account, streams);
        }
    }

    private static long dataProbe(JsonParser parser, JsonToken token) throws IOException {
        long probe = -1;
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return probe;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(StreamPublisher.ACCOUNT_PROBE) && value == JsonToken.VALUE_NUMBER_INT) {
                probe = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        return probe;
    }

    private static void streams(JsonParser parser, Map<String, StreamPosition> into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String symbol = parser.currentName();
            parser.nextToken();
            into.put(symbol, position(parser));
        }
    }

    /** {@code {"epoch":E,"seq":N}}, the parser on its opening brace. */
    private static StreamPosition position(JsonParser parser) throws IOException {
        String epoch = null;
        long seq = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "epoch" -> epoch = parser.getText();
                case "seq" -> seq = parser.getLongValue();
                default -> parser.skipChildren();
            }
        }
        if (epoch == null || seq < 0) {
            throw new IOException("a stream position needs epoch and seq");
        }
        return new StreamPosition(epoch, seq);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
