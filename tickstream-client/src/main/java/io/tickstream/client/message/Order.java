package io.tickstream.client.message;

import java.math.BigDecimal;

/**
 * An {@code order} event: an order placed, changed, filled or cancelled. A field the publisher left
 * out is null. Immutable.
 *
 * @param side   {@code buy} or {@code sell}
 * @param type   e.g. {@code limit} or {@code market}
 * @param status e.g. {@code new}, {@code filled}, {@code cancelled}
 */
public record Order(String orderId, String symbol, String side, String type, BigDecimal price, BigDecimal quantity,
                    String status, long time, String data, long seq) implements AccountMessage {

    @Override
    public String event() {
        return "order";
    }
}
