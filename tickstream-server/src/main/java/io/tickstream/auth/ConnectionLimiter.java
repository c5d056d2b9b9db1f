package io.tickstream.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open connections of each account on this node against the {@code maxConnections}
 * of its key or token. Thread-safe.
 */
public final class ConnectionLimiter {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** Takes a connection slot; false when the principal already holds its maximum. */
    public boolean tryAcquire(Principal principal) {
        int max = principal.maxConnections();
        boolean[] granted = {false};
        open.compute(principal.account(), (account, count) -> {
            int current = count == null ? 0 : count;
            if (max > 0 && current >= max) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    public void release(Principal principal) {
        open.computeIfPresent(principal.account(), (account, count) -> count <= 1 ? null : count - 1);
    }

    public int open(String account) {
        return open.getOrDefault(account, 0);
    }
}
