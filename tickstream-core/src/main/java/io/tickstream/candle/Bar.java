package io.tickstream.candle;

import java.math.BigDecimal;

/**
 * One OHLCV bar: prices as the trades published them (compared exactly, never as doubles),
 * volume the exact sum of their quantities, {@code trades} how many there were. Immutable.
 *
 * @param start the bar's start in epoch milliseconds
 */
public record Bar(long start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                  BigDecimal volume, long trades) {

    /** The bar a first trade opens. */
    public static Bar first(long start, BigDecimal price, BigDecimal quantity) {
        return new Bar(start, price, price, price, price, quantity, 1);
    }

    /**
     * The bar after one more trade: a new bar when the trade's bar starts after this one, else
     * this bar with the trade added (a trade stamped earlier than this bar, arriving late, counts
     * in it: a closed bar is never changed again). An equal price keeps the high's or low's text.
     */
    public static Bar next(Bar current, long start, BigDecimal price, BigDecimal quantity) {
        if (current == null || start > current.start) {
            return first(start, price, quantity);
        }
        return new Bar(current.start, current.open,
                price.compareTo(current.high) > 0 ? price : current.high,
                price.compareTo(current.low) < 0 ? price : current.low,
                price, current.volume.add(quantity), current.trades + 1);
    }

    /** {@code [start,open,high,low,close,volume,trades]}, numbers as JSON numbers in plain notation. */
    public String toJsonArray() {
        return "[" + start + ',' + open.toPlainString() + ',' + high.toPlainString() + ',' + low.toPlainString()
                + ',' + close.toPlainString() + ',' + volume.toPlainString() + ',' + trades + ']';
    }

    /** Reads {@link #toJsonArray} text back. */
    public static Bar parse(String array) {
        if (array.length() < 2 || array.charAt(0) != '[' || array.charAt(array.length() - 1) != ']') {
            throw new IllegalArgumentException("not a bar: " + array);
        }
        String[] parts = array.substring(1, array.length() - 1).split(",", -1);
        if (parts.length != 7) {
            throw new IllegalArgumentException("a bar has 7 fields: " + array);
        }
        return new Bar(Long.parseLong(parts[0]), new BigDecimal(parts[1]), new BigDecimal(parts[2]),
                new BigDecimal(parts[3]), new BigDecimal(parts[4]), new BigDecimal(parts[5]), Long.parseLong(parts[6]));
    }
}
