package io.tickstream.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import io.tickstream.auth.Principal;
import io.tickstream.transport.deflate.DeflateOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection from accept to close, and the one owner of its lifecycle:
 * <pre>
 *   OPENING ──(WebSocket session)──▶ OPEN ──(credential accepted)──▶ AUTHENTICATED
 *      │                              │                                  │
 *      └──────────────(a close frame sent or received)───────────────────┴──▶ CLOSING ──▶ CLOSED
 * </pre>
 * It holds what the connection's protocol and principal are, its place among the unauthenticated
 * connections (given back when it authenticates or closes), what is released when it closes, and how
 * it ended: the first close frame of the closing handshake. Whatever decides to end a connection
 * calls one of its close methods, with a code and a reason (drain, expiry and revocation will too);
 * the socket itself is then closed by the closing handshake, its grace period, or the peer.
 *
 * <p>Made when the socket is accepted and found through its channel. Confined to the connection's
 * event loop, except {@link #state()}, which any thread may read.
 */
public final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Where a connection is in its lifecycle. */
    public enum State { OPENING, OPEN, AUTHENTICATED, CLOSING, CLOSED }

    private static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "connection");
    /** How long a peer has to answer our close frame, or to read it, before the socket is cut. */
    private static final long CLOSE_GRACE_SECONDS = 2;

    private final Channel channel;
    private final List<Runnable> onClosed = new ArrayList<>(4);
    private LongConsumer shutdownNotice = retryAfterMs -> { };
    private volatile State state = State.OPENING;
    private Runnable unauthenticatedSlot;
    private String protocol;
    private Principal principal;
    private String apiKeyDigest;
    private Consumer<Principal> rightsChanged = principal -> { };
    private CloseStatus closeStatus;
    private DeflateOffer deflate;

    private Connection(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(closed -> {
            // Nothing may start a close of its own once the socket is gone: a close that ended
            // without a close frame stays one (1006).
            if (!closing()) {
                state = State.CLOSING;
            }
            channel.eventLoop().execute(this::closed);
        });
    }

    /** Makes the connection of a socket just accepted (or of a test's channel). */
    public static Connection attach(Channel channel) {
        Connection connection = new Connection(channel);
        channel.attr(KEY).set(connection);
        return connection;
    }

    /** The connection of a channel {@link #attach attached} to one. */
    public static Connection of(Channel channel) {
        Connection connection = channel.attr(KEY).get();
        if (connection == null) {
            throw new IllegalStateException("no connection attached to " + channel);
        }
        return connection;
    }

    public Channel channel() {
        return channel;
    }

    public State state() {
        return state;
    }

    /** Whether a close frame has been sent or received, or the socket is gone: nothing more is sent. */
    public boolean closing() {
        return state.compareTo(State.CLOSING) >= 0;
    }

    /** The protocol of its WebSocket session, or null before one. */
    public String protocol() {
        return protocol;
    }

    /** Who it authenticated as, or null before that. */
    public Principal principal() {
        return principal;
    }

    /** The account it authenticated as, or null. */
    public String account() {
        return principal == null ? null : principal.account();
    }

    /** How it ended: the first close frame sent or received; null while open, or when it ended without one (1006). */
    public CloseStatus closeStatus() {
        return closeStatus;
    }

    /** Runs {@code release} once, on the connection's loop, when the socket is closed; at once if it is already. */
    public void whenClosed(Runnable release) {
        if (state == State.CLOSED) {
            release.run();
        } else {
            onClosed.add(release);
        }
    }

    /** Its place among the unauthenticated connections, given back when it authenticates or closes. */
    void holdUnauthenticatedSlot(Runnable release) {
        unauthenticatedSlot = release;
        whenClosed(this::releaseUnauthenticatedSlot);
    }

    /** What its session tells the client before a shutdown closes it, given the wait before reconnecting. */
    public void noticeBeforeShutdown(LongConsumer notice) {
        shutdownNotice = notice;
    }

    /**
     * Ends the connection because the node shuts down: a WebSocket session gets its protocol's
     * notice and close 1012, a plain HTTP connection is closed.
     */
    public void shutDown(long retryAfterMs) {
        if (closing()) {
            return;
        }
        if (protocol == null) {
            state = State.CLOSING;
            channel.close();
            return;
        }
        shutdownNotice.accept(retryAfterMs);
        close(CloseCodes.SERVICE_RESTART, "shutdown");
    }

    /** The SHA-256 digest of the API key it authenticated with, or null (a token, or not yet). */
    public String apiKeyDigest() {
        return apiKeyDigest;
    }

    /** Remembers which API key the connection authenticated with (by digest), for a later reload. */
    /** The handshake agreed on permessage-deflate: messages may go out compressed. */
    void compressesMessages(DeflateOffer offer) {
        deflate = offer;
    }

    /** Whether the connection speaks permessage-deflate. */
    public boolean compressed() {
        return deflate != null;
    }

    /** How the connection speaks permessage-deflate; null when it does not. */
    public DeflateOffer deflate() {
        return deflate;
    }

    public void authenticatedWithApiKey(String sha256Hex) {
        apiKeyDigest = sha256Hex;
    }

    /** What its session does when the connection's rights change (its API key was changed). */
    public void onRightsChanged(Consumer<Principal> handler) {
        rightsChanged = handler;
    }

    /** Its credential now grants {@code changed}: the session applies it at once. */
    public void rightsChanged(Principal changed) {
        if (closing()) {
            return;
        }
        principal = changed;
        rightsChanged.accept(changed);
    }

    /** Its WebSocket session of {@code protocol} has started. */
    public void opened(String protocol) {
        this.protocol = protocol;
        if (state == State.OPENING) {
            state = State.OPEN;
        }
    }

    /** Its client authenticated as {@code principal}: it no longer counts against the unauthenticated caps. */
    public void authenticated(Principal principal) {
        this.principal = principal;
        if (!closing()) {
            state = State.AUTHENTICATED;
        }
        releaseUnauthenticatedSlot();
    }

    /**
     * Starts the closing handshake: sends a close frame with a code and reason, ignores the
     * client's messages from then on and closes the socket when the client answers with its own.
     * A connection without a WebSocket session (refused at the handshake) closes once the frame is
     * out. A peer that never answers, or never reads, is cut off after a grace period.
     */
    public void close(int code, String reason) {
        if (!startClosing(true, code, reason)) {
            return;
        }
        var written = channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        if (protocol == null) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        closeAfterGrace();
    }

    /**
     * Ends a connection that abuses the server (a flood, a message too big): stops reading it at
     * once, since reading would mean decoding whatever it goes on sending, sends the close frame
     * with a code and reason followed by the end of the stream, and closes the socket after the
     * grace period. A client that does not read its socket is cut off at once.
     */
    public void closeAbusive(int code, String reason) {
        if (!startClosing(true, code, reason)) {
            return;
        }
        channel.config().setAutoRead(false);
        if (!channel.isWritable()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (channel instanceof DuplexChannel duplex && written.isSuccess()) {
                duplex.shutdownOutput();
            }
        });
        closeAfterGrace();
    }

    /** The client sent its close frame first: echoes it and closes the socket once the echo is out. */
    void closedByClient(CloseWebSocketFrame frame) {
        if (startClosing(false, frame.statusCode(), frame.reasonText())) {
            channel.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A Netty stage answered a protocol violation with its own close frame: the socket is cut after the grace period. */
    void violated(int code, String reason) {
        if (startClosing(true, code, reason)) {
            closeAfterGrace();
        }
    }

    /** Closes the socket at once, without a close frame (memory for the connection could not be had). */
    void abort() {
        if (!closing()) {
            state = State.CLOSING;
        }
        channel.close();
    }

    private boolean startClosing(boolean byServer, int code, String reason) {
        if (closing()) {
            return false;
        }
        state = State.CLOSING;
        closeStatus = new CloseStatus(byServer, code, reason == null ? "" : reason);
        return true;
    }

    private void closeAfterGrace() {
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    private void releaseUnauthenticatedSlot() {
        Runnable release = unauthenticatedSlot;
        unauthenticatedSlot = null;
        if (release != null) {
            release.run();
        }
    }

    /** Runs every release, each on its own: one that fails must not keep the others (a slot, a log line) from running. */
    private void closed() {
        state = State.CLOSED;
        List<Runnable> releases = List.copyOf(onClosed);
        onClosed.clear();
        for (Runnable release : releases) {
            try {
                release.run();
            } catch (RuntimeException e) {
                log.warn("releasing connection {} failed: {}", ClientAddress.of(channel), e.toString(), e);
            }
        }
    }
}
