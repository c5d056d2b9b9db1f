package io.tickstream.client;

import java.util.Objects;

/**
 * One subscription the client keeps: a symbol on a market channel, with a depth for books. The
 * client holds its topics across reconnects and subscribes them again by itself. Immutable.
 *
 * @param symbol  as the caller named it (the server matches names exactly, else ignoring case)
 * @param depth   the book depth for {@link Channel#BOOK}; 0 for the other channels
 * @param maxRate at most so many messages a second (0.1..1000) of a tick, book or state
 *                subscription, the newest state each; 0 for every change
 */
public record Topic(String symbol, Channel<?> channel, int depth, double maxRate) {

    public static final int DEFAULT_BOOK_DEPTH = 5;
    public static final int MAX_BOOK_DEPTH = 20;
    public static final double MIN_RATE = 0.1;
    public static final double MAX_RATE = 1_000;

    public Topic {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(channel, "channel");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        if (!channel.isSubscribable()) {
            throw new IllegalArgumentException("channel " + channel + " is not subscribed per symbol: "
                    + "its messages arrive once authenticated");
        }
        if (channel == Channel.BOOK ? depth < 1 || depth > MAX_BOOK_DEPTH : depth != 0) {
            throw new IllegalArgumentException(channel == Channel.BOOK
                    ? "book depth must be 1.." + MAX_BOOK_DEPTH + ", was " + depth
                    : "only books have a depth");
        }
        if (maxRate != 0 && (channel == Channel.TRADES || maxRate < MIN_RATE || maxRate > MAX_RATE)) {
            throw new IllegalArgumentException(channel == Channel.TRADES ? "trades are never thinned: no maxRate"
                    : "maxRate must be " + MIN_RATE + ".." + (int) MAX_RATE + ", was " + maxRate);
        }
    }

    /** A topic that gets every change. */
    public Topic(String symbol, Channel<?> channel, int depth) {
        this(symbol, channel, depth, 0);
    }

    /** The identity of a subscription on the server: one per symbol and channel. */
    Key key() {
        return new Key(symbol, channel);
    }

    record Key(String symbol, Channel<?> channel) {
    }
}
