package io.tickstream.alert;

import java.util.Locale;

/** When an alert fires (SPEC §11), named as on the wire. */
public enum AlertCondition {
    /** The value is at or above the price; fires at once when it already is. */
    ABOVE(true, false),
    /** The value is at or below the price. */
    BELOW(false, false),
    /** The value was below the price and is now at or above it. */
    CROSSES_ABOVE(true, true),
    /** The value was above the price and is now at or below it. */
    CROSSES_BELOW(false, true);

    private final boolean upward;
    private final boolean crossing;

    AlertCondition(boolean upward, boolean crossing) {
        this.upward = upward;
        this.crossing = crossing;
    }

    /** Whether it fires on a value at or above the price (else at or below). */
    public boolean upward() {
        return upward;
    }

    /** Whether it needs the value to come from the other side of the price first. */
    public boolean crossing() {
        return crossing;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The condition of a wire name, or null. */
    public static AlertCondition fromWireName(String name) {
        for (AlertCondition condition : values()) {
            if (condition.wireName().equals(name)) {
                return condition;
            }
        }
        return null;
    }
}
