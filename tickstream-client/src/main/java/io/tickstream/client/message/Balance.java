package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * A {@code balance} event: the account's cash. Amounts are exact; a field the publisher left out is null.
 * Immutable.
 *
 * @param balance   cash balance
 * @param available funds available for new orders
 * @param equity    balance plus the unrealized profit and loss of open positions
 */
public record Balance(String currency, BigDecimal balance, BigDecimal available, BigDecimal equity, long time,
                      String data, long seq) implements AccountMessage {

    @Override
    public String event() {
        return "balance";
    }
}
