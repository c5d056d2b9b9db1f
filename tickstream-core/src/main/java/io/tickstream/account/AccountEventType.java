package io.tickstream.account;

import java.util.Locale;

/** The kinds of private account event (README, "Authentication and limits" and the protocols' sections), named as on the wire. */
public enum AccountEventType {
    BALANCE, ORDER, TRADE, POSITION, ALERT, NOTIFICATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountEventType fromWireName(String name) {
        for (AccountEventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
