package io.tickstream.client.message;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The full live state of an instrument (the IME {@code data} payload):
 * {@code {"type":"state","symbol":..,"data":{"BestLimit":{..},"Aggregate":{..},..},"time":..}}. Immutable.
 *
 * @param fields every leaf of {@code data} by its dotted path, e.g. {@code BestLimit.1.buy_price} or
 *               {@code Aggregate.last_price}, each value as its exact text
 * @param data   the {@code data} object as its exact received JSON text
 * @param seq    the instrument's state version, or {@link Sequenced#NO_SEQ}
 */
public record State(String symbol, Map<String, String> fields, long time, String data, long seq)
        implements MarketMessage {

    public State {
        fields = Map.copyOf(fields);
    }

    /** The number at a path, exact; null when the state has no such field. */
    public BigDecimal decimal(String path) {
        String text = fields.get(path);
        return text == null ? null : new BigDecimal(text);
    }

    /** Level-1 buy price ({@code BestLimit.1.buy_price}). */
    public BigDecimal bid() {
        return decimal("BestLimit.1.buy_price");
    }

    /** Level-1 sell price ({@code BestLimit.1.sell_price}). */
    public BigDecimal ask() {
        return decimal("BestLimit.1.sell_price");
    }

    /** {@code Aggregate.last_price}. */
    public BigDecimal lastPrice() {
        return decimal("Aggregate.last_price");
    }

    /** How many {@code BestLimit} levels the state has. */
    public int depth() {
        int depth = 0;
        while (fields.containsKey("BestLimit." + (depth + 1) + ".buy_price")) {
            depth++;
        }
        return depth;
    }
}
