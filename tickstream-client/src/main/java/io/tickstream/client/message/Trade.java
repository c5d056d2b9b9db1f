package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * One trade print: {@code {"type":"trade","symbol":..,"price":..,"quantity":..,"side":"buy","time":..,"tradeId":..}}.
 * Immutable.
 *
 * @param side    {@code buy} or {@code sell}
 * @param tradeId the publisher's id, or null
 * @param seq     the position in the instrument's trade stream, or {@link Sequenced#NO_SEQ}
 */
public record Trade(String symbol, BigDecimal price, BigDecimal quantity, String side, long time, String tradeId,
                    long seq)
        implements MarketMessage {
}
