package io.tickstream.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A recording WebSocket client for protocol tests, after OkHttp's {@code WebSocketRecorder}: JDK threads
 * record, one test thread asserts; sends are synchronized.
 *
 * <p>Text and binary messages, the close and errors land in one ordered queue, so a test can assert order
 * ("a close with no text before it"). Built on {@code java.net.http.WebSocket}, which answers pings by
 * itself: pings are counted ({@link #pingsReceived()}), not queued, and this client cannot play one that
 * stops answering. Every wait is bounded, by {@link #DEFAULT_TIMEOUT} unless a {@link Duration} is given.
 */
public final class WebSocketRecorder {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration EXHAUSTED_GRACE = Duration.ofMillis(200);
    private static final int SKIPPED_SHOWN = 5;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private final URI uri;
    private final WebSocket webSocket;
    private final RecordingListener listener;

    private WebSocketRecorder(URI uri, WebSocket webSocket, RecordingListener listener) {
        this.uri = uri;
        this.webSocket = webSocket;
        this.listener = listener;
    }

    public static WebSocketRecorder connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Opens a WebSocket with extra handshake headers (e.g. {@code Authorization}); a refused upgrade fails the test. */
    public static WebSocketRecorder connect(URI uri, Map<String, String> headers) {
        RecordingListener listener = new RecordingListener();
        try {
            return new WebSocketRecorder(uri, open(uri, headers, listener), listener);
        } catch (WebSocketHandshakeException e) {
            throw new AssertionError("the WebSocket upgrade to " + uri + " was refused with HTTP "
                    + e.getResponse().statusCode(), e);
        }
    }

    /** Attempts a WebSocket upgrade that the server must refuse, and returns the refusing response. */
    public static HandshakeFailure connectExpectingFailure(URI uri, Map<String, String> headers) {
        try {
            open(uri, headers, new RecordingListener()).abort();
        } catch (WebSocketHandshakeException e) {
            return new HandshakeFailure(e.getResponse().statusCode(), e.getResponse().headers());
        }
        throw new AssertionError("expected the WebSocket upgrade to " + uri + " to be refused, but it succeeded");
    }

    private static WebSocket open(URI uri, Map<String, String> headers, RecordingListener listener)
            throws WebSocketHandshakeException {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        headers.forEach(builder::header);
        CompletableFuture<WebSocket> handshake = builder.buildAsync(uri, listener);
        try {
            return handshake.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof WebSocketHandshakeException refused) {
                    throw refused;
                }
            }
            throw new AssertionError("cannot open a WebSocket to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            handshake.cancel(true);
            throw new AssertionError("no WebSocket handshake with " + uri + " within " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            handshake.cancel(true);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while connecting to " + uri, e);
        }
    }

    /** Waits for the next event of any kind. */
    public WebSocketEvent nextEvent(Duration timeout) {
        WebSocketEvent event = pollOrNull(timeout);
        if (event == null) {
            throw new AssertionError("nothing arrived from " + uri + " within " + timeout);
        }
        return event;
    }

    public WebSocketEvent nextEvent() {
        return nextEvent(DEFAULT_TIMEOUT);
    }

    /** Waits for the next event, which must be a text message, and returns its text. */
    public String nextText(Duration timeout) {
        WebSocketEvent event = nextEvent(timeout);
        if (!(event instanceof WebSocketEvent.Text text)) {
            throw new AssertionError("expected a text message from " + uri + " but got " + event);
        }
        return text.text();
    }

    public String nextText() {
        return nextText(DEFAULT_TIMEOUT);
    }

    /** The next event must be a text message equal to {@code expected}. */
    public void assertTextMessage(String expected) {
        String actual = nextText();
        if (!expected.equals(actual)) {
            throw new AssertionError("expected text message\n  " + expected + "\nbut got\n  " + actual);
        }
    }

    /** Skips messages until a text message satisfies {@code condition}, and returns it; fails on close or timeout. */
    public String awaitText(Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<WebSocketEvent> skipped = new ArrayList<>();
        while (true) {
            WebSocketEvent event = pollOrNull(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError("no matching text message from " + uri + " within " + timeout
                        + "; skipped " + skipped.size() + ", the last: " + lastOf(skipped));
            }
            if (event instanceof WebSocketEvent.Text text && condition.test(text.text())) {
                return text.text();
            }
            if (event instanceof WebSocketEvent.Close || event instanceof WebSocketEvent.Failure) {
                throw new AssertionError("the connection to " + uri + " ended before a matching text message: "
                        + event + "; skipped " + skipped.size() + ", the last: " + lastOf(skipped));
            }
            skipped.add(event);
        }
    }

    /** The next event itself must be the server's close with this code and reason: nothing before it. */
    public void assertClosing(int code, String reason) {
        WebSocketEvent event = nextEvent();
        WebSocketEvent.Close expected = new WebSocketEvent.Close(code, reason);
        if (!expected.equals(event)) {
            throw new AssertionError("expected " + expected + " from " + uri + " but got " + event);
        }
    }

    /** Nothing is queued now, and nothing arrives within a short grace period. */
    public void assertExhausted() {
        WebSocketEvent event = pollOrNull(EXHAUSTED_GRACE);
        if (event != null) {
            throw new AssertionError("expected nothing more from " + uri + " but got " + event);
        }
    }

    public synchronized void sendText(String text) {
        await(webSocket.sendText(text, true), "sending a text message");
    }

    public synchronized void sendPing() {
        await(webSocket.sendPing(ByteBuffer.allocate(0)), "sending a ping");
    }

    /** Sends a close (unless the output is closed already) and waits for the server's close or a failure. */
    public synchronized void close(int code, String reason) {
        if (!webSocket.isOutputClosed()) {
            await(webSocket.sendClose(code, reason), "sending a close");
        }
        await(listener.end(), "waiting for the server's close");
    }

    /** Waits for the server's close, without taking it from the event queue; fails if the connection failed instead. */
    public WebSocketEvent.Close awaitClose() {
        WebSocketEvent end = await(listener.end(), "waiting for the server's close");
        if (!(end instanceof WebSocketEvent.Close close)) {
            throw new AssertionError("the connection to " + uri + " failed without a close: " + end);
        }
        return close;
    }

    public int closeCode() {
        return awaitClose().code();
    }

    /** Whether the input has ended, by a close from the server, a failure or {@link #abort()}. */
    public boolean isClosed() {
        return listener.end().isDone() || webSocket.isInputClosed();
    }

    /** Drops the connection at once, without a close handshake. */
    public void abort() {
        webSocket.abort();
    }

    public int pingsReceived() {
        return listener.pings();
    }

    public int pongsReceived() {
        return listener.pongs();
    }

    private WebSocketEvent pollOrNull(Duration timeout) {
        try {
            return listener.events().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + uri, e);
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " on " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " on " + uri + " took longer than " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + what + " on " + uri, e);
        }
    }

    private static Object lastOf(List<WebSocketEvent> skipped) {
        return skipped.isEmpty() ? "none" : skipped.subList(Math.max(0, skipped.size() - SKIPPED_SHOWN), skipped.size());
    }
}
