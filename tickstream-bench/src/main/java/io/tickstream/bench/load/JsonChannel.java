package io.tickstream.bench.load;

import java.util.Locale;

/** What a JSON load client subscribes to: ticks, full states, or states as deltas. */
public enum JsonChannel {
    TICK(""),
    STATE(",\"channel\":\"state\""),
    STATE_DELTA(",\"channel\":\"state\",\"delta\":true");

    private final String fields;

    JsonChannel(String fields) {
        this.fields = fields;
    }

    /** The subscribe message's fields past its symbols. */
    String fields() {
        return fields;
    }

    /** By its option name: {@code tick}, {@code state} or {@code state-delta}. */
    public static JsonChannel named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
