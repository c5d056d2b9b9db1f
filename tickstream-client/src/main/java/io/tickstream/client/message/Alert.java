package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * An {@code alert} event: a price alert of the account fired (SPEC §11). A field the publisher left
 * out is null (0 for {@code triggeredAt}). Immutable.
 *
 * @param clientId    the id the account gave the alert, or null
 * @param field       {@code bid}, {@code ask}, {@code mid} or {@code last}
 * @param condition   {@code above}, {@code below}, {@code crosses_above} or {@code crosses_below}
 * @param price       the alert's price
 * @param value       the value that fired it, as published
 * @param triggeredAt epoch ms of the firing
 */
public record Alert(String alertId, String clientId, String symbol, String field, String condition, BigDecimal price,
                    BigDecimal value, long triggeredAt, String note, long time, String data, long seq)
        implements AccountMessage {

    @Override
    public String event() {
        return "alert";
    }
}
