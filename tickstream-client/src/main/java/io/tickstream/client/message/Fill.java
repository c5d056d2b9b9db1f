package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * A {@code trade} event of the account (a fill of one of its orders; not to be confused with the
 * public {@link Trade} prints). A field the publisher left out is null. Immutable.
 */
public record Fill(String tradeId, String orderId, String symbol, String side, BigDecimal price, BigDecimal quantity,
                   BigDecimal fee, long time, String data, long seq) implements AccountMessage {

    @Override
    public String event() {
        return "trade";
    }
}
