package io.tickstream.protocol;

import io.tickstream.auth.Principal;
import io.tickstream.hub.AccountView;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.hub.Subscription;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a message-protocol connection gets in: the auth window, authentication, one connection slot
 * of its principal (held by the connection until it closes), and its account's private events.
 * Confined to the connection's event loop.
 */
public final class Admission {

    /** Outcome of {@link #admit}. */
    public enum Result { ADMITTED, BAD_CREDENTIAL, CONNECTION_LIMIT }

    private final ProtocolContext context;
    private final SessionOutbox outbox;
    private Principal principal;
    private Subscription accountEvents;
    private ScheduledFuture<?> timeout;

    public Admission(ProtocolContext context, SessionOutbox outbox) {
        this.context = context;
        this.outbox = outbox;
    }

    /** Runs {@code onTimeout} on the connection's loop unless the client is admitted in time. */
    public void startTimer(Runnable onTimeout) {
        long millis = context.limits().authTimeout().toMillis();
        timeout = outbox.channel().eventLoop().schedule(() -> {
            if (principal == null && outbox.channel().isActive()) {
                onTimeout.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    public Result admit(String credential, AccountView accountView) {
        Optional<Principal> found = context.authenticator().authenticate(credential);
        if (found.isEmpty()) {
            context.meters().authFailure();
            return Result.BAD_CREDENTIAL;
        }
        if (!context.connections().tryAcquire(found.get())) {
            context.meters().connectionLimitReject();
            return Result.CONNECTION_LIMIT;
        }
        principal = found.get();
        Principal admitted = principal;
        outbox.connection().whenClosed(() -> context.connections().release(admitted));
        SessionLog.authenticated(outbox.connection(), admitted.account());
        timeout.cancel(false);
        if (principal.privateEvents()) {
            accountEvents = context.hub().subscribeAccount(outbox, principal.account(), accountView);
        }
        return Result.ADMITTED;
    }

    public boolean admitted() {
        return principal != null;
    }

    public Principal principal() {
        return principal;
    }

    /** Ends the auth window and the account stream; called once when the connection is gone (its slot goes with it). */
    public void close() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (accountEvents != null) {
            context.hub().unsubscribe(accountEvents);
            accountEvents = null;
        }
    }
}
