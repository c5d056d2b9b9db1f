package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * A quote change: {@code {"type":"tick","symbol":..,"bid":..,"ask":..,"time":..}}. Prices are exact,
 * with the scale they were published with ({@code 1.08500} stays {@code 1.08500}). Immutable.
 *
 * @param bid  level-1 buy price
 * @param ask  level-1 sell price
 * @param time source time in epoch milliseconds
 * @param seq  the instrument's state version, or {@link Sequenced#NO_SEQ}
 */
public record Tick(String symbol, BigDecimal bid, BigDecimal ask, long time, long seq) implements MarketMessage {
}
