package io.tickstream.protocol;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.tickstream.transport.ClientAddress;
import io.tickstream.transport.CloseStatus;
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
    private static final AttributeKey<String> ACCOUNT = AttributeKey.valueOf(SessionLog.class, "account");

    private SessionLog() {
    }

    /** Logs the open now and the close (with its cause) when it happens; counts the connection meanwhile. */
    public static void opened(Channel channel, String protocol, SessionMeters meters) {
        long openedNanos = System.nanoTime();
        meters.opened(protocol);
        log.atInfo().addKeyValue("event", "open").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel))
                .log("{} connection {} opened", protocol, ClientAddress.of(channel));
        channel.closeFuture().addListener(closed -> {
            meters.closed(protocol);
            closed(channel, protocol, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos));
        });
    }

    public static void authenticated(Channel channel, String protocol, String account) {
        channel.attr(ACCOUNT).set(account);
        log.atInfo().addKeyValue("event", "auth").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel)).addKeyValue("account", account)
                .log("{} connection {} authenticated as {}", protocol, ClientAddress.of(channel), account);
    }

    public static void refused(Channel channel, String protocol, String reason) {
        log.atInfo().addKeyValue("event", "refused").addKeyValue("protocol", protocol)
                .addKeyValue("remote", ClientAddress.of(channel)).addKeyValue("reason", reason)
                .log("{} connection {} refused: {}", protocol, ClientAddress.of(channel), reason);
    }

    private static void closed(Channel channel, String protocol, long millis) {
        CloseStatus status = CloseStatus.of(channel);
        String account = channel.attr(ACCOUNT).get();
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
