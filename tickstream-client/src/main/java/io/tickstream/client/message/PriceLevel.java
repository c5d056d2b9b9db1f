package io.tickstream.client.message;

import java.math.BigDecimal;

/** One level of one side of an order book: a price and the quantity there, both exact. Immutable. */
public record PriceLevel(BigDecimal price, BigDecimal quantity) {
}
