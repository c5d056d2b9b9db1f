package io.tickstream.simulator;

import java.math.BigDecimal;

/**
 * How the simulator prices one instrument: all prices are whole numbers of units, a unit being
 * {@code 10^-decimals} of the quoted currency, so nothing is ever rounded. Immutable.
 *
 * @param startPrice   the previous close and first mid price, in units, a multiple of {@code tick}
 * @param decimals     decimal places of every rendered price, 0 for IME Rial prices
 * @param tick         the price step in units
 * @param volatility   the largest move of the mid price per update, in ticks
 * @param lot          the quantity step: order and trade quantities are 1 to 10 lots
 * @param openInterest the opening open interest, or 0 for an instrument without one
 */
public record PriceProfile(long startPrice, int decimals, long tick, int volatility, long lot, long openInterest) {

    /** Smallest ratio of start price to tick, so that the ±10% band holds a full book of any depth. */
    static final long MIN_TICKS = 1000;

    public PriceProfile {
        if (tick < 1 || startPrice % tick != 0 || startPrice / tick < MIN_TICKS) {
            throw new IllegalArgumentException("start price " + startPrice + " must be a multiple of the tick "
                    + tick + " and at least " + MIN_TICKS + " ticks");
        }
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must be 0..10, was " + decimals);
        }
        if (volatility < 1 || lot < 1 || openInterest < 0) {
            throw new IllegalArgumentException("volatility and lot must be positive, open interest not negative");
        }
    }

    /** Renders units with exactly {@code decimals} decimal places: 108500 at 5 decimals is {@code 1.08500}. */
    public String format(long units) {
        return BigDecimal.valueOf(units, decimals).toPlainString();
    }

    /** The lowest allowed price: the start price less 10%, rounded inwards to a tick. */
    public long minAllowedPrice() {
        return startPrice - band();
    }

    /** The highest allowed price: the start price plus 10%, rounded inwards to a tick. */
    public long maxAllowedPrice() {
        return startPrice + band();
    }

    private long band() {
        return startPrice / 10 / tick * tick;
    }
}
