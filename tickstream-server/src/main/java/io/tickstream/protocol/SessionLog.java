package io.tickstream.protocol;

import io.netty.channel.Channel;
import io.tickstream.auth.Principal;
import io.tickstream.transport.ClientAddress;
import io.tickstream.transport.CloseStatus;
import io.tickstream.transport.Connection;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one gauge step per connection lifecycle event: open, auth, refusal, close (with
 * who closed, the code and the reason). Lines go to the logger {@value #LOGGER} with key-value
 * pairs ({@code event}, {@code protocol}, {@code remote}, {@code account}, {@code code}, ...) that
 * the JSON log format carries as fields. Stateless; any thread.
 */
public final class SessionLog {

    public static final String LOGGER = "io.tickstream.connections";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private SessionLog() {
    }

    /**
     * Marks the connection's session of {@code protocol} as started, logs it, and logs the close (with
     * its cause) when it happens; counts the connection meanwhile.
     */
    public static void opened(Connection connection, String protocol, SessionMeters meters) {
        Channel channel = connection.channel();
        long openedNanos = System.nanoTime();
        connection.opened(protocol);
        meters.opened(protocol);
        log.atInfo().addKeyValue("event", "open").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel))
                .log("{} connection {} opened", protocol, ClientAddress.of(channel));
        connection.whenClosed(() -> {
            meters.closed(protocol);
            closed(connection, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos));
        });
    }

    /** Marks the connection as authenticated as {@code principal} and logs it. */
    public static void authenticated(Connection connection, Principal principal) {
        connection.authenticated(principal);
        String account = principal.account();
        Channel channel = connection.channel();
        String protocol = connection.protocol();
        log.atInfo().addKeyValue("event", "auth").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel)).addKeyValue("account", account)
                .log("{} connection {} authenticated as {}", protocol, ClientAddress.of(channel), account);
    }

    public static void refused(Channel channel, String protocol, String reason) {
        log.atInfo().addKeyValue("event", "refused").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel)).addKeyValue("reason", reason)
                .log("{} connection {} refused: {}", protocol, ClientAddress.of(channel), reason);
    }

    private static void closed(Connection connection, long millis) {
        Channel channel = connection.channel();
        String protocol = connection.protocol();
        CloseStatus status = connection.closeStatus();
        String account = connection.account();
        String cause = status == null ? "without a close frame (1006)"
                : "by " + (status.byServer() ? "server" : "client") + ": " + status.code()
                + (status.reason().isEmpty() ? "" : " " + status.reason());
        log.atInfo().addKeyValue("event", "close").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel)).addKeyValue("account", account)
                .addKeyValue("closedBy", status == null ? "network" : status.byServer() ? "server" : "client")
                .addKeyValue("code", status == null ? 1006 : status.code())
                .addKeyValue("reason", status == null ? "" : status.reason())
                .addKeyValue("durationMs", millis)
                .log("{} connection {} closed {}{} after {} ms", protocol, ClientAddress.of(channel), cause,
                        account == null ? "" : " (account " + account + ")", millis);
    }
}
