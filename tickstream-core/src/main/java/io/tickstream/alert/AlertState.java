package io.tickstream.alert;

import java.util.Locale;

/** Where an alert stands, named as on the wire. */
public enum AlertState {
    /** Being evaluated (or cooling down before it re-arms). */
    ACTIVE,
    /** A {@code once} alert that fired. */
    TRIGGERED,
    /** Canceled by its account. */
    CANCELED,
    /** Its {@code expiresAt} passed before it fired. */
    EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a wire name, or null. */
    public static AlertState fromWireName(String name) {
        for (AlertState state : values()) {
            if (state.wireName().equals(name)) {
                return state;
            }
        }
        return null;
    }
}
