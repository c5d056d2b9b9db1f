package io.tickstream.client.message;

import java.util.List;

/**
 * The top levels of an order book: {@code {"type":"book","symbol":..,"bids":[[price,qty],..],"asks":[..],"time":..}}.
 * Best level first; empty levels are left out by the server, so a side may be shorter than the
 * subscribed depth. Immutable.
 */
public record Book(String symbol, List<PriceLevel> bids, List<PriceLevel> asks, long time) implements MarketMessage {

    public Book {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
