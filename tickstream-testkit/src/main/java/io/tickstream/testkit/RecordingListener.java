package io.tickstream.testkit;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK WebSocket listener behind {@link WebSocketRecorder}: the JDK calls it one callback at a time,
 * any thread reads what it recorded.
 *
 * <p>It joins fragments into whole messages and queues messages, the close and errors in one ordered
 * queue; it asks for the next message only after handling one. Pings and pongs are counted, not queued
 * (the JDK answers pings by itself).
 */
final class RecordingListener implements WebSocket.Listener {

    private final BlockingQueue<WebSocketEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocketEvent> end = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    BlockingQueue<WebSocketEvent> events() {
        return events;
    }

    /** Completes with the {@link WebSocketEvent.Close} or {@link WebSocketEvent.Failure} that ended the input. */
    CompletableFuture<WebSocketEvent> end() {
        return end;
    }

    int pings() {
        return pings.get();
    }

    int pongs() {
        return pongs.get();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(new WebSocketEvent.Text(text.toString()));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            events.add(new WebSocketEvent.Binary(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended(new WebSocketEvent.Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(new WebSocketEvent.Failure(error));
    }

    private void ended(WebSocketEvent event) {
        events.add(event);
        end.complete(event);
    }
}
