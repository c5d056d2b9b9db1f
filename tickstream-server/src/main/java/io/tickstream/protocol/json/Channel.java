package io.tickstream.protocol.json;

import java.util.Locale;

/** What a JSON-protocol subscription streams for its symbol. */
enum Channel {
    TICK, BOOK, TRADES, STATE, CANDLES;

    /** The wire name; null for the default channel when {@code omitDefault}, so replies keep the shape of the JSON protocol's reference service. */
    String wireName(boolean omitDefault) {
        return omitDefault && this == TICK ? null : name().toLowerCase(Locale.ROOT);
    }

    static Channel fromWireName(String name) {
        for (Channel channel : values()) {
            if (channel.name().toLowerCase(Locale.ROOT).equals(name)) {
                return channel;
            }
        }
        return null;
    }
}
