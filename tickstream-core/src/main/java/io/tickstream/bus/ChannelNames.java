package io.tickstream.bus;

/**
 * Channel and key names on the bus for one prefix ({@code tickstream} by default). Immutable.
 *
 * @param prefix the first segment of every channel and key
 */
public record ChannelNames(String prefix) {

    public static final String DEFAULT_PREFIX = "tickstream";

    public ChannelNames {
        if (prefix == null || prefix.isBlank() || prefix.contains(":")) {
            throw new IllegalArgumentException("bus prefix must be non-blank and contain no ':', was " + prefix);
        }
    }

    public static ChannelNames defaults() {
        return new ChannelNames(DEFAULT_PREFIX);
    }

    public String channel(BusChannel kind, String key) {
        return prefix + ':' + kind.segment() + ':' + key;
    }

    /** The hash of the instrument catalog: field = instrument id, value = instrument JSON. */
    public String catalogKey() {
        return prefix + ":instruments";
    }

    /** The hash holding an instrument's latest state in flat path form. */
    public String stateKey(String instrumentId) {
        return prefix + ":state:" + instrumentId;
    }

    /** The Redis stream holding the recent history of a trade or account stream. */
    public String historyKey(BusChannel kind, String key) {
        return prefix + ":history:" + kind.segment() + ':' + key;
    }

    /** The hash holding a trade or account stream's epoch and latest seq. */
    public String streamKey(BusChannel kind, String key) {
        return prefix + ":stream:" + kind.segment() + ':' + key;
    }

    /** Splits a channel name into its kind and key, or returns null when it is not one of ours. */
    public Address parse(String channel) {
        if (!channel.startsWith(prefix) || channel.length() <= prefix.length() + 1
                || channel.charAt(prefix.length()) != ':') {
            return null;
        }
        int kindEnd = channel.indexOf(':', prefix.length() + 1);
        if (kindEnd < 0 || kindEnd == channel.length() - 1) {
            return null;
        }
        String segment = channel.substring(prefix.length() + 1, kindEnd);
        for (BusChannel kind : BusChannel.values()) {
            if (kind.segment().equals(segment)) {
                return new Address(kind, channel.substring(kindEnd + 1));
            }
        }
        return null;
    }

    /** A parsed channel name. */
    public record Address(BusChannel kind, String key) {
    }
}
