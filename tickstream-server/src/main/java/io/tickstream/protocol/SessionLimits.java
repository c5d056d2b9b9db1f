package io.tickstream.protocol;

import java.time.Duration;

/**
 * Per-connection limits against abuse, shared by the message protocols. Immutable.
 *
 * @param authTimeout       how long a JSON or compact client may take to authenticate
 * @param maxSubscriptions  subscriptions one connection may hold
 * @param messagesPerSecond sustained client messages per second; bursts of twice that pass
 * @param maxQueuedEvents   undelivered trades, events and replies before a slow-consumer disconnect
 * @param expectedConnections connections this node is sized for; start-up warns when the process
 *                            may open fewer files than that
 */
public record SessionLimits(Duration authTimeout, int maxSubscriptions, int messagesPerSecond, int maxQueuedEvents,
                            int expectedConnections) {

    public static final int DEFAULT_EXPECTED_CONNECTIONS = 10_000;

    public SessionLimits(Duration authTimeout, int maxSubscriptions, int messagesPerSecond, int maxQueuedEvents) {
        this(authTimeout, maxSubscriptions, messagesPerSecond, maxQueuedEvents, DEFAULT_EXPECTED_CONNECTIONS);
    }

    public SessionLimits {
        if (authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("limits.authTimeoutMs must be positive");
        }
        if (maxSubscriptions < 1 || messagesPerSecond < 1 || maxQueuedEvents < 1 || expectedConnections < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofSeconds(30), 500, 50, 4096);
    }
}
