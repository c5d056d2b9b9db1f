package io.tickstream.protocol;

import io.tickstream.account.AccountEvent;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.Principal;
import io.tickstream.hub.AccountView;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.bus.StreamPosition;
import io.tickstream.hub.StreamJoin;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * How a message-protocol connection gets in: the auth window, authentication, a bus that serves
 * (else a retryable refusal), one connection slot of its principal (held by the connection until
 * it closes), and its account's private events.
 * Confined to the connection's event loop.
 */
public final class Admission {

    /** Outcome of {@link #admit}. */
    public enum Result { ADMITTED, BAD_CREDENTIAL, CONNECTION_LIMIT, UNAVAILABLE, RECOVERY_BUDGET_SPENT }

    /** Outcome of {@link #refresh}. */
    public enum Refresh { REFRESHED, BAD_CREDENTIAL, EXPIRED, OTHER_ACCOUNT }

    private final ProtocolContext context;
    private final SessionOutbox outbox;
    private final CredentialExpiry expiry;
    private StreamJoin<AccountEvent> accountEvents;
    /** The history this connection's resumes may read; set once admitted. */
    private RecoveryBudget.Allowance recovery;
    private long retryAfterMs;
    private ScheduledFuture<?> timeout;

    /** @param expiring the protocol's notice that the credential expires in the given milliseconds */
    public Admission(ProtocolContext context, SessionOutbox outbox, LongConsumer expiring) {
        this.context = context;
        this.outbox = outbox;
        this.expiry = new CredentialExpiry(outbox.connection(), context.expiryNotice(), expiring);
    }

    /** Runs {@code onTimeout} on the connection's loop unless the client is admitted in time. */
    public void startTimer(Runnable onTimeout) {
        long millis = context.limits().authTimeout().toMillis();
        timeout = outbox.channel().eventLoop().schedule(() -> {
            if (!admitted() && outbox.channel().isActive()) {
                onTimeout.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Authenticates and takes a connection slot; a principal with private events joins its
     * account's stream, resuming after {@code since} when given (see {@link #accountStream()}).
     */
    public Result admit(String credential, AccountView accountView, StreamPosition since) {
        Optional<Principal> found = context.authenticator().authenticate(credential);
        if (found.isEmpty()) {
            context.meters().authFailure();
            return Result.BAD_CREDENTIAL;
        }
        if (!context.bus().ready()) {
            context.bus().refusedSession();
            return Result.UNAVAILABLE;
        }
        RecoveryBudget.Allowance allowance = context.recovery().allowance(found.get().account());
        if (since != null && found.get().privateEvents()) {
            retryAfterMs = allowance.retryAfterMs();
            if (retryAfterMs > 0) {
                context.hub().recoveryMeters().account().resumeRefused();
                return Result.RECOVERY_BUDGET_SPENT;
            }
        }
        if (!context.connections().tryAcquire(found.get())) {
            context.meters().connectionLimitReject();
            return Result.CONNECTION_LIMIT;
        }
        Principal admitted = found.get();
        recovery = allowance;
        outbox.connection().whenClosed(() -> context.connections().release(admitted));
        SessionLog.authenticated(outbox.connection(), admitted);
        outbox.connection().authenticatedWithApiKey(ApiKey.digestOf(credential));
        expiry.arm(admitted.expiresAt());
        timeout.cancel(false);
        if (admitted.privateEvents()) {
            accountEvents = context.hub().joinAccount(outbox, admitted.account(), accountView, since, recovery::charge);
        }
        return Result.ADMITTED;
    }

    /**
     * Takes a fresh credential of an admitted session: of the same account, it replaces the old
     * one, its rights apply at once (streams it no longer permits end) and the session goes on
     * until it expires. One of another account, or one already past its expiry (though inside the
     * clock skew that lets it authenticate), is refused and the session goes on as before.
     */
    public Refresh refresh(String credential) {
        Optional<Principal> found = context.authenticator().authenticate(credential);
        if (found.isEmpty()) {
            context.meters().authFailure();
            return Refresh.BAD_CREDENTIAL;
        }
        Principal fresh = found.get();
        if (!fresh.account().equals(principal().account())) {
            context.meters().authFailure();
            return Refresh.OTHER_ACCOUNT;
        }
        if (fresh.expiresAt() != null && !fresh.expiresAt().isAfter(Instant.now())) {
            context.meters().authFailure();
            return Refresh.EXPIRED;
        }
        outbox.connection().authenticatedWithApiKey(ApiKey.digestOf(credential));
        expiry.arm(fresh.expiresAt());
        outbox.connection().rightsChanged(fresh);
        return Refresh.REFRESHED;
    }

    /**
     * The account stream the admitted session joined, or null without private events: its events
     * are held until the protocol has told the client and called {@link StreamJoin#finish()}.
     */
    public StreamJoin<AccountEvent> accountStream() {
        return accountEvents;
    }

    /** The history this admitted connection's resumes may still read. */
    public RecoveryBudget.Allowance recovery() {
        return recovery;
    }

    /** After {@link Result#RECOVERY_BUDGET_SPENT}: how long until a resume may be asked for again. */
    public long retryAfterMs() {
        return retryAfterMs;
    }

    /**
     * Runs {@code known} with the outcome of the account stream's join once the bus has told it, or
     * {@code unavailable} instead when the bus takes longer than {@code bus.authWaitMs} (counted);
     * on the connection's loop. Only for a session with an {@link #accountStream()}.
     */
    public void whenAccountKnown(Consumer<StreamJoin.Outcome> known, Runnable unavailable) {
        boolean[] settled = new boolean[1];
        ScheduledFuture<?> bound = outbox.channel().eventLoop().schedule(() -> {
            if (!settled[0]) {
                settled[0] = true;
                context.bus().refusedSession();
                unavailable.run();
            }
        }, context.bus().authWaitMillis(), TimeUnit.MILLISECONDS);
        accountEvents.whenKnown(outcome -> {
            if (!settled[0]) {
                settled[0] = true;
                bound.cancel(false);
                known.accept(outcome);
            }
        });
    }

    public boolean admitted() {
        return principal() != null;
    }

    /** Who the connection authenticated as, or null; the connection keeps it. */
    public Principal principal() {
        return outbox.connection().principal();
    }

    /** Stops the account's private events (its rights no longer include them). */
    public void stopPrivateEvents() {
        if (accountEvents != null) {
            context.hub().unsubscribe(accountEvents.subscription());
            accountEvents = null;
        }
    }

    /** Ends the auth window and the account stream; called once when the connection is gone (its slot goes with it). */
    public void close() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (accountEvents != null) {
            context.hub().unsubscribe(accountEvents.subscription());
            accountEvents = null;
        }
    }
}
