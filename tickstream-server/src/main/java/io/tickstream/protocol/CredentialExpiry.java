package io.tickstream.protocol;

import io.tickstream.transport.CloseCodes;
import io.tickstream.transport.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Ends a session when its credential does: the protocol's notice a while before (JSON and compact
 * have one; the client may send a fresh token meanwhile), then close 1008 {@code token expired} at
 * the expiry. Armed again by a refresh; disarmed when the connection closes. Confined to the
 * connection's event loop.
 */
public final class CredentialExpiry {

    private final Connection connection;
    private final Duration notice;
    private final LongConsumer expiring;
    private ScheduledFuture<?> noticeTimer;
    private ScheduledFuture<?> closeTimer;

    /** @param expiring told how many milliseconds are left; null for a protocol without a notice */
    public CredentialExpiry(Connection connection, Duration notice, LongConsumer expiring) {
        this.connection = connection;
        this.notice = notice;
        this.expiring = expiring;
        connection.whenClosed(this::disarm);
    }

    /** Times the end of a credential that expires at {@code expiresAt}; null for one that does not expire. */
    public void arm(Instant expiresAt) {
        disarm();
        if (expiresAt == null) {
            return;
        }
        long leftMillis = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        var loop = connection.channel().eventLoop();
        if (expiring != null) {
            long noticeIn = Math.max(0, leftMillis - notice.toMillis());
            noticeTimer = loop.schedule(() -> expiring.accept(Math.max(0,
                    Duration.between(Instant.now(), expiresAt).toMillis())), noticeIn, TimeUnit.MILLISECONDS);
        }
        closeTimer = loop.schedule(() -> connection.close(CloseCodes.POLICY_VIOLATION, "token expired"), leftMillis,
                TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (noticeTimer != null) {
            noticeTimer.cancel(false);
            noticeTimer = null;
        }
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
    }
}
