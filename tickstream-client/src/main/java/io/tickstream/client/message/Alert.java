package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * An {@code alert} event: a price alert of the account fired. A field the publisher left out is null.
 * Immutable.
 *
 * @param condition      {@code above} or {@code below}
 * @param price          the alert's price
 * @param triggeredPrice the price that triggered it
 */
public record Alert(String alertId, String symbol, String condition, BigDecimal price, BigDecimal triggeredPrice,
                    long time, String data, long seq) implements AccountMessage {

    @Override
    public String event() {
        return "alert";
    }
}
