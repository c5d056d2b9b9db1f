package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * One OHLCV bar from {@code GET /api/candles}: prices as the trades published them, volume the exact
 * sum of their quantities. Immutable.
 *
 * @param start  the bar's start, epoch milliseconds
 * @param trades how many trades (or quote changes, for a mid-quote instrument) it holds
 */
public record Candle(long start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigDecimal volume, long trades) {
}
