package io.tickstream.candle;

import java.math.BigDecimal;

/** The mid of a level-1 quote, exact, for instruments whose candles follow the quote ({@code "candles":"mid"}). Stateless. */
public final class MidQuote {

    /** The flat state paths of the level-1 bid and ask. */
    public static final String BID = "BestLimit.1.buy_price";
    public static final String ASK = "BestLimit.1.sell_price";

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private MidQuote() {
    }

    /** {@code (bid + ask) / 2} exactly; null when either is missing or not a number. */
    public static BigDecimal of(String bid, String ask) {
        if (bid == null || ask == null) {
            return null;
        }
        try {
            return new BigDecimal(bid).add(new BigDecimal(ask)).divide(TWO);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
