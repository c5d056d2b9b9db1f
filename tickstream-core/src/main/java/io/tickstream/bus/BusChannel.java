package io.tickstream.bus;

/** The kinds of bus channel (README, "Ingest: how data reaches the gateway"): what a message on it means and what its key names. */
public enum BusChannel {
    /** Market-data update of the instrument whose id is the key. */
    MARKET_DATA("md"),
    /** One trade print of the instrument whose id is the key. */
    TRADES("trades"),
    /** One private event of the account named by the key. */
    ACCOUNT("account");

    private final String segment;

    BusChannel(String segment) {
        this.segment = segment;
    }

    /** The middle part of the channel name: {@code prefix:segment:key}. */
    public String segment() {
        return segment;
    }
}
