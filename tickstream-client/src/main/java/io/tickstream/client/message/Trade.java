package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * One trade print: {@code {"type":"trade","symbol":..,"price":..,"quantity":..,"side":"buy","time":..,"tradeId":..}}.
 * Immutable.
 *
 * @param side    {@code buy} or {@code sell}
 * @param tradeId the publisher's id, or null
 */
public record Trade(String symbol, BigDecimal price, BigDecimal quantity, String side, long time, String tradeId)
        implements MarketMessage {
}
