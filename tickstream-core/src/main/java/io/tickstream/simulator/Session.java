package io.tickstream.simulator;

/**
 * The trading-day totals of one instrument, prices in profile units; all zero before the first
 * trade. Immutable: {@link #with} returns the totals after one more trade.
 *
 * @param value the sum of price times quantity, in price units
 */
record Session(long tradeCount, long volume, long value, long open, long high, long low, long last) {

    static final Session EMPTY = new Session(0, 0, 0, 0, 0, 0, 0);

    /** The totals after a trade; throws {@link ArithmeticException} rather than overflow. */
    Session with(long price, long quantity) {
        long nextValue = Math.addExact(value, Math.multiplyExact(price, quantity));
        if (tradeCount == 0) {
            return new Session(1, quantity, nextValue, price, price, price, price);
        }
        return new Session(tradeCount + 1, Math.addExact(volume, quantity), nextValue, open,
                Math.max(high, price), Math.min(low, price), price);
    }

    /** The volume-weighted average price, rounded half up to a unit, as IME's closing price. */
    long closing() {
        return volume == 0 ? 0 : (value + volume / 2) / volume;
    }
}
