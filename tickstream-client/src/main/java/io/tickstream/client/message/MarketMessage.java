package io.tickstream.client.message;

/** Market data of one instrument: a tick, a book, a trade or a full state. Immutable. */
public sealed interface MarketMessage extends Message, Sequenced permits Tick, Book, Trade, State {

    /** The instrument's name, as the server spells it. */
    String symbol();

    /** Source time of the data in epoch milliseconds. */
    long time();
}
