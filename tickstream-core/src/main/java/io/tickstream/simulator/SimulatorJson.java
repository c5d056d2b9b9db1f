package io.tickstream.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.state.Section;
import io.tickstream.state.StateField;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes the simulator's market-data updates ({@code {ts, data}} envelopes: the publisher stamps
 * seq and epoch) and trade prints, every price rendered with its profile's exact decimals. Stateless and thread-safe.
 */
final class SimulatorJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private SimulatorJson() {
    }

    /**
     * The update for the market's latest move: its book, plus every other section when
     * {@code full}, or the sections a trade changes when {@code traded}.
     */
    static String marketData(SimulatedInstrument market, boolean full, boolean traded, long ts, ZoneId zone) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeNumberField("ts", ts);
            out.writeFieldName("data");
            out.writeStartObject();
            writeBook(out, market);
            if (full || traded) {
                writeAggregate(out, market, ZonedDateTime.ofInstant(Instant.ofEpochMilli(ts), zone));
            }
            if (full) {
                startSection(out, Section.ALLOWED_PRICE_RANGE);
                price(out, StateField.MIN_ALLOWED_PRICE, market, market.profile().minAllowedPrice());
                price(out, StateField.MAX_ALLOWED_PRICE, market, market.profile().maxAllowedPrice());
                out.writeEndObject();
            }
            if (full || (traded && market.hasOpenInterest())) {
                startSection(out, Section.CONTRACT_INFO);
                integer(out, StateField.OPEN_INTEREST, market.openInterest());
                integer(out, StateField.OPEN_INTEREST_CHANGES, market.openInterestChange());
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The trade print: {@code {"price":1.08512,"quantity":100000,"side":"buy","ts":...,"tradeId":"EURUSD-7"}}. */
    static String trade(SimulatedInstrument market, Trade trade) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeFieldName("price");
            out.writeNumber(market.profile().format(trade.price()));
            out.writeNumberField("quantity", trade.quantity());
            out.writeStringField("side", trade.buy() ? "buy" : "sell");
            out.writeNumberField("ts", trade.time());
            out.writeStringField("tradeId", market.instrument().id() + '-' + trade.number());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeBook(JsonGenerator out, SimulatedInstrument market) throws IOException {
        startSection(out, Section.BEST_LIMIT);
        int level = 0;
        for (Level values : market.book()) {
            out.writeFieldName(Integer.toString(++level));
            out.writeStartObject();
            integer(out, StateField.BUY_QUANTITY, values.buyQuantity());
            price(out, StateField.BUY_PRICE, market, values.buyPrice());
            integer(out, StateField.SELL_QUANTITY, values.sellQuantity());
            price(out, StateField.SELL_PRICE, market, values.sellPrice());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void writeAggregate(JsonGenerator out, SimulatedInstrument market, ZonedDateTime time)
            throws IOException {
        Session session = market.session();
        startSection(out, Section.AGGREGATE);
        out.writeStringField(StateField.DATE.wireName(), DATE.format(time));
        out.writeStringField(StateField.TIME.wireName(), TIME.format(time));
        integer(out, StateField.TRADE_COUNT, session.tradeCount());
        integer(out, StateField.TOTAL_VOLUME, session.volume());
        price(out, StateField.TOTAL_VALUE, market, session.value());
        price(out, StateField.CLOSING_PRICE, market, session.closing());
        price(out, StateField.LAST_PRICE, market, session.last());
        price(out, StateField.LOW_PRICE, market, session.low());
        price(out, StateField.HIGH_PRICE, market, session.high());
        price(out, StateField.OPEN_PRICE, market, session.open());
        price(out, StateField.PREVIOUS_CLOSE, market, market.profile().startPrice());
        out.writeEndObject();
    }

    private static void startSection(JsonGenerator out, Section section) throws IOException {
        out.writeFieldName(section.wireName());
        out.writeStartObject();
    }

    private static void price(JsonGenerator out, StateField field, SimulatedInstrument market, long units)
            throws IOException {
        out.writeFieldName(field.wireName());
        out.writeNumber(market.profile().format(units));
    }

    private static void integer(JsonGenerator out, StateField field, long value) throws IOException {
        out.writeNumberField(field.wireName(), value);
    }
}
