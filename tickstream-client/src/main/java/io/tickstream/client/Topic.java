package io.tickstream.client;

import java.util.Objects;

/**
 * One subscription the client keeps: a symbol on a market channel, with a depth for books. The
 * client holds its topics across reconnects and subscribes them again by itself. Immutable.
 *
 * @param symbol  as the caller named it (the server matches names exactly, else ignoring case)
 * @param depth   the book depth for {@link Channel#BOOK}; 0 for the other channels
 */
public record Topic(String symbol, Channel<?> channel, int depth) {

    public static final int DEFAULT_BOOK_DEPTH = 5;
    public static final int MAX_BOOK_DEPTH = 20;

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
    }

    /** The identity of a subscription on the server: one per symbol and channel. */
    Key key() {
        return new Key(symbol, channel);
    }

    record Key(String symbol, Channel<?> channel) {
    }
}
