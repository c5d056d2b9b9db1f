package io.tickstream.alert;

import java.util.Locale;

/** The value of an instrument an alert watches, named as on the wire. */
public enum AlertField {
    /** Level 1 buy price. */
    BID,
    /** Level 1 sell price. */
    ASK,
    /** The middle of bid and ask, exactly {@code (bid + ask) / 2}. */
    MID,
    /** The price of the latest trade print. */
    LAST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field of a wire name, or null. */
    public static AlertField fromWireName(String name) {
        for (AlertField field : values()) {
            if (field.wireName().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
