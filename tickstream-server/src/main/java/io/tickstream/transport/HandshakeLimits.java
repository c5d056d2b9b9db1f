package io.tickstream.transport;

import java.time.Duration;

/**
 * Bounds on TLS handshakes, the costliest thing an unauthenticated client can make the gateway do.
 * Immutable.
 *
 * @param timeout              a handshake not finished within this time of the connection's opening is closed
 * @param maxInProgress        handshakes in progress at once, in total; a connection over it is closed at once
 * @param maxInProgressPerAddress handshakes in progress at once from one remote address
 * @param threads              threads that do the handshakes' private-key and certificate work, off the event loops
 */
public record HandshakeLimits(Duration timeout, int maxInProgress, int maxInProgressPerAddress, int threads) {

    public HandshakeLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tls.handshakeTimeoutMs must be positive");
        }
        if (maxInProgress < 1 || maxInProgressPerAddress < 1) {
            throw new IllegalArgumentException("tls.maxHandshakes and tls.maxHandshakesPerAddress must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("tls.handshakeThreads must be at least 1");
        }
    }

    /** 5 s, 512 in all, 64 per address, one thread per two cores (at least one). */
    public static HandshakeLimits defaults() {
        return new HandshakeLimits(Duration.ofSeconds(5), 512, 64,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
