package io.tickstream.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.PriceLevel;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Turns recorded messages back into what publishers put on the bus (README, "Ingest: how data reaches the gateway"), numbers as their exact
 * text and {@code ts} the recorded time: a tick becomes a level-1 {@code BestLimit} update, a book
 * its levels (levels it left out as empty become zeros, up to the recorded depth), a state its full
 * {@code data}, a trade a print, an account event an event. Stateless.
 */
final class ReplayPayloads {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String ZERO = "0";

    private ReplayPayloads() {
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static String tick(Tick tick) {
        return envelope(tick.time(), json -> {
            json.writeObjectFieldStart("BestLimit");
            json.writeObjectFieldStart("1");
            number(json, "buy_price", tick.bid());
            number(json, "sell_price", tick.ask());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** @param depth levels to write: the recorded depth, capped at the instrument's */
    static String book(Book book, int depth) {
        return envelope(book.time(), json -> {
            json.writeObjectFieldStart("BestLimit");
            for (int level = 1; level <= depth; level++) {
                json.writeObjectFieldStart(Integer.toString(level));
                side(json, "buy", book.bids(), level);
                side(json, "sell", book.asks(), level);
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /** @param data the state's {@code data} JSON as recorded */
    static String state(String data, long time) {
        return object(json -> {
            json.writeNumberField("ts", time);
            json.writeFieldName("data");
            json.writeRawValue(data);
        });
    }

    static String trade(Trade trade) {
        return object(json -> {
            number(json, "price", trade.price());
            number(json, "quantity", trade.quantity());
            json.writeStringField("side", trade.side());
            json.writeNumberField("ts", trade.time());
            if (trade.tradeId() != null) {
                json.writeStringField("tradeId", trade.tradeId());
            }
        });
    }

    static String accountEvent(AccountMessage event) {
        return object(json -> {
            json.writeStringField("type", event.event());
            json.writeFieldName("data");
            json.writeRawValue(event.data());
            json.writeNumberField("ts", event.time());
        });
    }

    private static void side(JsonGenerator json, String side, List<PriceLevel> levels, int level) throws IOException {
        PriceLevel at = level <= levels.size() ? levels.get(level - 1) : null;
        json.writeFieldName(side + "_price");
        json.writeNumber(at == null ? ZERO : at.price().toPlainString());
        json.writeFieldName(side + "_quantity");
        json.writeNumber(at == null ? ZERO : at.quantity().toPlainString());
    }

    private static void number(JsonGenerator json, String name, BigDecimal value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value.toPlainString());
    }

    private static String envelope(long ts, Body data) {
        return object(json -> {
            json.writeNumberField("ts", ts);
            json.writeObjectFieldStart("data");
            data.write(json);
            json.writeEndObject();
        });
    }

    private static String object(Body body) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
