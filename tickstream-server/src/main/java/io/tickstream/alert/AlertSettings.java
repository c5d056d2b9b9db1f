package io.tickstream.alert;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a gateway keeps and bounds price alerts. Immutable.
 *
 * @param directory      where the embedded gateway keeps its alerts file, or null to keep them in memory only
 * @param maxPerAccount  active alerts an account may have ({@code limits.maxAlertsPerAccount})
 * @param accountLimits  accounts whose policy sets its own limit ({@code accounts.NAME.maxAlerts})
 */
public record AlertSettings(Path directory, int maxPerAccount, Map<String, Integer> accountLimits) {

    public static final int DEFAULT_MAX_PER_ACCOUNT = 500;

    public AlertSettings {
        if (maxPerAccount < 0 || accountLimits.values().stream().anyMatch(limit -> limit < 0)) {
            throw new IllegalArgumentException("maxAlertsPerAccount must not be negative");
        }
        accountLimits = Map.copyOf(accountLimits);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(null, DEFAULT_MAX_PER_ACCOUNT, Map.of());
    }

    /** The active alerts an account may have. */
    public int limitFor(String account) {
        return accountLimits.getOrDefault(account, maxPerAccount);
    }
}
