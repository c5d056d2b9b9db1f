package io.tickstream.alert;

import java.math.BigDecimal;

/**
 * One price alert as its account set it: what it watches and how it behaves. Immutable; where it
 * stands is an {@link AlertStatus}.
 *
 * @param id           unique, made by the gateway
 * @param symbol       the instrument's name as the catalog spells it
 * @param instrumentId the instrument's id (bus key)
 * @param price        compared exactly ({@link BigDecimal#compareTo}: 1.10 equals 1.1)
 * @param once         whether the first firing ends it; else it re-arms after the cooldown
 * @param cooldownMillis how long a re-arming alert waits after a firing
 * @param expiresAt    epoch ms after which it ends unfired, or 0 for never
 * @param note         the account's text, or null
 * @param clientId     the account's own id for it, or null
 * @param createdAt    epoch ms
 */
public record Alert(String id, String account, String symbol, String instrumentId, AlertField field,
                    AlertCondition condition, BigDecimal price, boolean once, long cooldownMillis, long expiresAt,
                    String note, String clientId, long createdAt) {

    public static final long DEFAULT_COOLDOWN_MILLIS = 60_000;

    /** Whether it has ended unfired at {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt > 0 && nowMillis >= expiresAt;
    }
}
