package io.tickstream.protocol;

import java.time.Duration;

/**
 * Per-connection limits against abuse, shared by the message protocols. Immutable.
 *
 * @param authTimeout       how long a JSON or compact client may take to authenticate
 * @param maxSubscriptions  subscriptions one connection may hold
 * @param messagesPerSecond sustained client messages per second; bursts of twice that pass
 * @param maxQueuedEvents   undelivered trades, events and replies before a slow-consumer disconnect
 */
public record SessionLimits(Duration authTimeout, int maxSubscriptions, int messagesPerSecond, int maxQueuedEvents) {

    public SessionLimits {
        if (authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("limits.authTimeoutMs must be positive");
        }
        if (maxSubscriptions < 1 || messagesPerSecond < 1 || maxQueuedEvents < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofSeconds(30), 500, 50, 4096);
    }
}
