package io.tickstream.transport;

import java.time.Duration;

/**
 * Limits that keep one client from hurting the others before any protocol is involved: HTTP
 * timing and pipelining, connection caps, and how long an event loop may go without running its
 * tasks before it is reported. Immutable.
 *
 * @param requestTimeout               a request must arrive whole within this time of its first byte
 *                                     (or of the connection's opening)
 * @param idleTimeout                  an HTTP keep-alive connection with nothing in flight is closed after this
 * @param maxPipelinedRequests         requests in flight on one HTTP connection past which it is closed
 * @param maxConnections               connections open at once; {@link #FROM_OPEN_FILES} for what the
 *                                     process's open-files limit allows
 * @param maxUnauthenticated           connections not yet authenticated, in total
 * @param maxUnauthenticatedPerAddress connections not yet authenticated, per remote address
 * @param stallThreshold               an event loop that has not run its tasks for this long is reported
 */
public record ServerLimits(Duration requestTimeout, Duration idleTimeout, int maxPipelinedRequests,
                           int maxConnections, int maxUnauthenticated, int maxUnauthenticatedPerAddress,
                           Duration stallThreshold) {

    /** {@link #maxConnections} value that derives the cap from the open-files limit. */
    public static final int FROM_OPEN_FILES = 0;

    public ServerLimits {
        requirePositive(requestTimeout, "http.requestTimeoutMs");
        requirePositive(idleTimeout, "http.idleTimeoutMs");
        requirePositive(stallThreshold, "limits.loopStallMs");
        if (maxPipelinedRequests < 1) {
            throw new IllegalArgumentException("http.maxPipelinedRequests must be at least 1");
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("limits.maxConnections must not be negative");
        }
        if (maxUnauthenticated < 1 || maxUnauthenticatedPerAddress < 1) {
            throw new IllegalArgumentException("limits.maxUnauthenticated and limits.maxUnauthenticatedPerAddress"
                    + " must be at least 1");
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 16, FROM_OPEN_FILES, 10_000, 1_000,
                Duration.ofSeconds(1));
    }

    public ServerLimits withRequestTimeout(Duration value) {
        return new ServerLimits(value, idleTimeout, maxPipelinedRequests, maxConnections, maxUnauthenticated,
                maxUnauthenticatedPerAddress, stallThreshold);
    }

    public ServerLimits withIdleTimeout(Duration value) {
        return new ServerLimits(requestTimeout, value, maxPipelinedRequests, maxConnections, maxUnauthenticated,
                maxUnauthenticatedPerAddress, stallThreshold);
    }

    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(requestTimeout, idleTimeout, maxPipelinedRequests, value, maxUnauthenticated,
                maxUnauthenticatedPerAddress, stallThreshold);
    }

    public ServerLimits withMaxUnauthenticated(int total, int perAddress) {
        return new ServerLimits(requestTimeout, idleTimeout, maxPipelinedRequests, maxConnections, total, perAddress,
                stallThreshold);
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
