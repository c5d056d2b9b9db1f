package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * A quote change: {@code {"type":"tick","symbol":..,"bid":..,"ask":..,"time":..}}. Prices are exact,
 * with the scale they were published with ({@code 1.08500} stays {@code 1.08500}). Immutable.
 *
 * @param bid  level-1 buy price
 * @param ask  level-1 sell price
 * @param time source time in epoch milliseconds
 */
public record Tick(String symbol, BigDecimal bid, BigDecimal ask, long time) implements MarketMessage {
}
