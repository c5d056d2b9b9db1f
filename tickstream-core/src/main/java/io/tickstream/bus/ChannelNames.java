package io.tickstream.bus;

/**
 * Channel and key names on the bus for one prefix ({@code tickstream} by default). Immutable.
 *
 * <p>On one Redis (and in-process) the names are {@code prefix:md:{id}}, {@code prefix:state:{id}}...
 * (README, "Ingest"). On a Redis Cluster ({@link #tagged}) every key and channel of one instrument
 * carries the hash tag {@code {i:ID}} and every one of one account {@code {a:ACCOUNT}}, so an
 * instrument's state, trade history and channels sit in one slot and each publish script stays on
 * one shard: {@code prefix:{i:12345}:md}, {@code prefix:{i:12345}:state},
 * {@code prefix:{i:12345}:trades:history}, {@code prefix:{a:alice}:account}. The catalog is one key.
 *
 * @param prefix the first segment of every channel and key
 * @param tagged whether names carry the Redis Cluster hash tags
 */
public record ChannelNames(String prefix, boolean tagged) {

    public static final String DEFAULT_PREFIX = "tickstream";

    public ChannelNames {
        if (prefix == null || prefix.isBlank() || prefix.contains(":") || prefix.contains("{")) {
            throw new IllegalArgumentException("bus prefix must be non-blank and contain no ':' or '{', was " + prefix);
        }
    }

    /** The names of one Redis (or the in-process bus). */
    public ChannelNames(String prefix) {
        this(prefix, false);
    }

    public static ChannelNames defaults() {
        return new ChannelNames(DEFAULT_PREFIX);
    }

    /** These names with the hash tags of a Redis Cluster. */
    public ChannelNames clustered() {
        return new ChannelNames(prefix, true);
    }

    public String channel(BusChannel kind, String key) {
        return tagged ? tag(kind, key) + kind.segment() : prefix + ':' + kind.segment() + ':' + key;
    }

    /** The hash of the instrument catalog: field = instrument id, value = instrument JSON. */
    public String catalogKey() {
        return prefix + ":instruments";
    }

    /** The hash holding an instrument's latest state in flat path form. */
    public String stateKey(String instrumentId) {
        return tagged ? tag(BusChannel.MARKET_DATA, instrumentId) + "state" : prefix + ":state:" + instrumentId;
    }

    /** The Redis stream holding the recent history of a trade or account stream. */
    public String historyKey(BusChannel kind, String key) {
        return tagged ? tag(kind, key) + kind.segment() + ":history" : prefix + ":history:" + kind.segment() + ':' + key;
    }

    /** The hash holding a trade or account stream's epoch and latest seq. */
    public String streamKey(BusChannel kind, String key) {
        return tagged ? tag(kind, key) + kind.segment() + ":stream" : prefix + ":stream:" + kind.segment() + ':' + key;
    }

    /**
     * The hash of an account's price alerts ({@code prefix:{a:ACCOUNT}:alerts} on a cluster, in the
     * slot of the account's stream, so that a firing and its event are one script on one shard).
     */
    public String alertsKey(String account) {
        return tagged ? tag(BusChannel.ACCOUNT, account) + "alerts" : prefix + ":alerts:" + account;
    }

    /** The set of the accounts that have alerts, read by a node that starts. */
    public String alertAccountsKey() {
        return prefix + ":alert-accounts";
    }

    /** The stream of alert creations and ends, which every node follows. */
    public String alertChangesKey() {
        return prefix + ":alert-changes";
    }

    /**
     * The sorted set of an instrument's closed bars of one interval ({@code 1m}...): score the
     * bar's start, member its {@code [start,open,high,low,close,volume,trades]} text; with
     * {@code "open"}, the hash of its open bars. In the trade stream's slot on a cluster, so the
     * publish script builds bars where it appends the trade.
     */
    public String candleKey(String instrumentId, String interval) {
        return tagged ? tag(BusChannel.TRADES, instrumentId) + "candles:" + interval
                : prefix + ":candles:" + instrumentId + ':' + interval;
    }

    /** The string that is {@code mid} when an instrument's candles are built from its quote mid; in its slot. */
    public String candleSourceKey(String instrumentId) {
        return tagged ? tag(BusChannel.TRADES, instrumentId) + "candles:source" : prefix + ":candles:" + instrumentId + ":source";
    }

    /** Splits a channel name into its kind and key, or returns null when it is not one of ours. */
    public Address parse(String channel) {
        if (!channel.startsWith(prefix) || channel.length() <= prefix.length() + 1
                || channel.charAt(prefix.length()) != ':') {
            return null;
        }
        return tagged ? parseTagged(channel.substring(prefix.length() + 1)) : parsePlain(channel);
    }

    private Address parsePlain(String channel) {
        int kindEnd = channel.indexOf(':', prefix.length() + 1);
        if (kindEnd < 0 || kindEnd == channel.length() - 1) {
            return null;
        }
        BusChannel kind = kindOf(channel.substring(prefix.length() + 1, kindEnd));
        return kind == null ? null : new Address(kind, channel.substring(kindEnd + 1));
    }

    /** {@code {i:ID}:segment} or {@code {a:ACCOUNT}:segment}. */
    private static Address parseTagged(String rest) {
        int end = rest.lastIndexOf("}:");
        if (rest.length() < 4 || rest.charAt(0) != '{' || rest.charAt(2) != ':' || end < 3) {
            return null;
        }
        BusChannel kind = kindOf(rest.substring(end + 2));
        if (kind == null || rest.charAt(1) != tagLetter(kind)) {
            return null;
        }
        return new Address(kind, rest.substring(3, end));
    }

    private static BusChannel kindOf(String segment) {
        for (BusChannel kind : BusChannel.values()) {
            if (kind.segment().equals(segment)) {
                return kind;
            }
        }
        return null;
    }

    /** {@code prefix:{i:ID}:} or {@code prefix:{a:ACCOUNT}:}. */
    private String tag(BusChannel kind, String key) {
        return prefix + ":{" + tagLetter(kind) + ':' + key + "}:";
    }

    private static char tagLetter(BusChannel kind) {
        return kind == BusChannel.ACCOUNT ? 'a' : 'i';
    }

    /** A parsed channel name. */
    public record Address(BusChannel kind, String key) {
    }
}
