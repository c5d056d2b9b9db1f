package io.tickstream.account;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamFields;
import io.tickstream.state.MalformedUpdateException;
import java.io.IOException;

/**
 * Parses {@code {"type":"balance","data":{...},"ts":1709742000000}}. The {@code data} object is kept
 * as the exact text it was published as (cut out by character offsets), so every number in it
 * reaches clients unchanged. Stateless and thread-safe.
 */
public final class AccountEventParser {

    private static final JsonFactory JSON = new JsonFactory();

    private AccountEventParser() {
    }

    public static AccountEvent parse(String json, long receivedMillis) throws MalformedUpdateException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedUpdateException("account event must be a JSON object");
            }
            AccountEventType type = null;
            String data = null;
            long time = receivedMillis;
            long seq = Sequenced.NONE;
            String epoch = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "type" -> type = type(parser, token);
                    case "data" -> data = data(parser, token, json);
                    case "ts" -> {
                        if (token != JsonToken.VALUE_NUMBER_INT) {
                            throw new MalformedUpdateException("ts must be an integer (epoch milliseconds)");
                        }
                        time = parser.getLongValue();
                    }
                    case "seq" -> seq = StreamFields.seq(parser, token);
                    case "epoch" -> epoch = StreamFields.epoch(parser, token);
                    default -> throw new MalformedUpdateException("unknown account event field: " + name);
                }
            }
            if (type == null || data == null) {
                throw new MalformedUpdateException("an account event needs type and data");
            }
            if (parser.nextToken() != null) {
                throw new MalformedUpdateException("trailing content after the account event");
            }
            return new AccountEvent(type, data, time, seq, epoch);
        } catch (JsonProcessingException e) {
            throw new MalformedUpdateException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedUpdateException("unreadable account event: " + e.getMessage(), e);
        }
    }

    private static AccountEventType type(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        AccountEventType type = token == JsonToken.VALUE_STRING ? AccountEventType.fromWireName(parser.getText()) : null;
        if (type == null) {
            throw new MalformedUpdateException(
                    "type must be one of balance, order, trade, position, alert, notification");
        }
        return type;
    }

    private static String data(JsonParser parser, JsonToken token, String json) throws IOException, MalformedUpdateException {
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedUpdateException("data must be a JSON object");
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        return json.substring(start, end);
    }
}
