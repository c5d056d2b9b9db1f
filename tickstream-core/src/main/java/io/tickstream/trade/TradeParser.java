package io.tickstream.trade;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamFields;
import io.tickstream.json.JsonNumbers;
import io.tickstream.state.MalformedUpdateException;
import java.io.IOException;
import java.util.List;

/**
 * Parses {@code {"price":1.0851,"quantity":100000,"side":"buy","ts":1709742000000,"tradeId":"t-1"}}
 * (with {@code seq} and {@code epoch} when a project publisher stamped it) with the streaming parser. Stateless and thread-safe.
 */
public final class TradeParser {

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> FIELDS = List.of("price", "quantity", "side", "ts", "tradeId", "seq", "epoch");

    private TradeParser() {
    }

    /** @param receivedMillis the time to use when the print carries no {@code ts} */
    public static TradePrint parse(String json, long receivedMillis) throws MalformedUpdateException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedUpdateException("trade must be a JSON object");
            }
            String price = null;
            String quantity = null;
            String side = null;
            String tradeId = null;
            long time = receivedMillis;
            long seq = Sequenced.NONE;
            String epoch = null;
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                int index = FIELDS.indexOf(name);
                if (index >= 0) {
                    if ((seen & 1 << index) != 0) {
                        throw new MalformedUpdateException("trade key given twice: " + name);
                    }
                    seen |= 1 << index;
                }
                switch (name) {
                    case "price" -> price = number(parser, token, name);
                    case "quantity" -> quantity = number(parser, token, name);
                    case "side" -> side = side(parser, token);
                    case "ts" -> time = integer(parser, token);
                    case "tradeId" -> tradeId = tradeId(parser, token);
                    case "seq" -> seq = StreamFields.seq(parser, token);
                    case "epoch" -> epoch = StreamFields.epoch(parser, token);
                    default -> throw new MalformedUpdateException("unknown trade field: " + name);
                }
            }
            if (price == null || quantity == null || side == null) {
                throw new MalformedUpdateException("a trade needs price, quantity and side");
            }
            return new TradePrint(price, quantity, side, time, tradeId, seq, epoch);
        } catch (JsonProcessingException e) {
            throw new MalformedUpdateException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedUpdateException("unreadable trade: " + e.getMessage(), e);
        }
    }

    private static String number(JsonParser parser, JsonToken token, String name)
            throws IOException, MalformedUpdateException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new MalformedUpdateException("trade " + name + " must be a number");
        }
        String value = parser.getText();
        if (!JsonNumbers.finite(value)) {
            throw new MalformedUpdateException("trade " + name + " is not a finite number");
        }
        return value;
    }

    private static String side(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        String side = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        if (!"buy".equals(side) && !"sell".equals(side)) {
            throw new MalformedUpdateException("trade side must be \"buy\" or \"sell\"");
        }
        return side;
    }

    private static long integer(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedUpdateException("trade ts must be an integer (epoch milliseconds)");
        }
        return parser.getLongValue();
    }

    private static String tradeId(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedUpdateException("tradeId must be a string");
        }
        return parser.getText();
    }
}
