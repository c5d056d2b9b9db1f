package io.tickstream.client;

import java.util.Objects;

/**
 * One stream in which every message counts: the trades of one instrument, or the account's private
 * events. Names the stream a {@link StreamBreak} concerns. Immutable.
 *
 * @param symbol the instrument as the server spells it; null for the account
 */
public record StreamId(Kind kind, String symbol) {

    /** Which kind of stream. */
    public enum Kind { TRADES, ACCOUNT }

    private static final StreamId ACCOUNT = new StreamId(Kind.ACCOUNT, null);

    public StreamId {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TRADES) == (symbol == null)) {
            throw new IllegalArgumentException("a trade stream has a symbol, the account stream none");
        }
    }

    public static StreamId trades(String symbol) {
        return new StreamId(Kind.TRADES, Objects.requireNonNull(symbol, "symbol"));
    }

    public static StreamId account() {
        return ACCOUNT;
    }

    @Override
    public String toString() {
        return kind == Kind.ACCOUNT ? "account" : "trades " + symbol;
    }
}
