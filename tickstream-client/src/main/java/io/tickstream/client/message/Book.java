package io.tickstream.client.message;

import java.util.List;

/**
 * The top levels of an order book: {@code {"type":"book","symbol":..,"bids":[[price,qty],..],"asks":[..],"time":..}}.
 * Best level first; empty levels are left out by the server, so a side may be shorter than the
 * subscribed depth. Immutable.
 *
 * @param seq the instrument's state version, or {@link Sequenced#NO_SEQ}
 */
public record Book(String symbol, List<PriceLevel> bids, List<PriceLevel> asks, long time, long seq)
        implements MarketMessage {

    public Book {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
