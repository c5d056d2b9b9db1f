package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * A {@code position} event: the account's position in one instrument after a change. A field the
 * publisher left out is null. Immutable.
 *
 * @param quantity signed: positive when long, negative when short, zero when flat
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal averagePrice, BigDecimal unrealizedPnl,
                       long time, String data, long seq) implements AccountMessage {

    @Override
    public String event() {
        return "position";
    }
}
