package io.tickstream.client;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price alert to create (SPEC §11): {@code NewAlert.of("EURUSD", "bid", "crosses_above", new
 * BigDecimal("1.0900")).note("breakout")}. Immutable; each {@code with} method returns a copy.
 *
 * @param field     {@code bid}, {@code ask}, {@code mid} or {@code last}
 * @param condition {@code above}, {@code below}, {@code crosses_above} or {@code crosses_below}
 * @param price     compared exactly by the gateway
 * @param once      whether it ends at its first firing (else it re-arms after the cooldown)
 * @param cooldownSeconds for a re-arming alert; negative: the gateway's default (60)
 * @param expiresAt epoch ms after which it ends unfired, or 0 for never
 */
public record NewAlert(String symbol, String field, String condition, BigDecimal price, boolean once,
                       long cooldownSeconds, long expiresAt, String note, String clientId) {

    public NewAlert {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(price, "price");
    }

    /** A once alert without expiry, note or client id. */
    public static NewAlert of(String symbol, String field, String condition, BigDecimal price) {
        return new NewAlert(symbol, field, condition, price, true, -1, 0, null, null);
    }

    /** Re-arms after {@code cooldownSeconds} instead of ending at its first firing. */
    public NewAlert rearming(long seconds) {
        return new NewAlert(symbol, field, condition, price, false, seconds, expiresAt, note, clientId);
    }

    public NewAlert expiresAt(long epochMillis) {
        return new NewAlert(symbol, field, condition, price, once, cooldownSeconds, epochMillis, note, clientId);
    }

    public NewAlert note(String text) {
        return new NewAlert(symbol, field, condition, price, once, cooldownSeconds, expiresAt, text, clientId);
    }

    public NewAlert clientId(String id) {
        return new NewAlert(symbol, field, condition, price, once, cooldownSeconds, expiresAt, note, id);
    }
}
