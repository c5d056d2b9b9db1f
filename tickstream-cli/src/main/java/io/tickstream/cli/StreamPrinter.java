package io.tickstream.cli;

import java.io.PrintWriter;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The WebSocket listener of {@code subscribe}: prints each whole text message to {@code out} and
 * reports how the stream ended. The JDK calls it one callback at a time; any thread may wait on
 * {@link #exitCode()} and {@link #inputClosed()}.
 */
final class StreamPrinter implements WebSocket.Listener {

    private final JsonFormat format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long limit;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
    private long printed;

    /** @param limit how many messages to print before {@link #exitCode()} completes with 0; 0 = no limit */
    StreamPrinter(JsonFormat format, PrintWriter out, PrintWriter err, long limit) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.limit = limit;
    }

    /** Completes with 0 after the last wanted message or a normal close, 1 after any other close or an error. */
    CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** Completes when nothing more can arrive: the server's close or a failure. */
    CompletableFuture<Void> inputClosed() {
        return inputClosed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            print(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last && !exitCode.isDone()) {
            err.println("(a binary message was skipped)");
            err.flush();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!exitCode.isDone()) {
            err.println(("closed: " + statusCode + " " + reason).strip());
            err.flush();
            exitCode.complete(statusCode == WebSocket.NORMAL_CLOSURE ? 0 : 1);
        }
        inputClosed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!exitCode.isDone()) {
            err.println("tickstream: the connection failed: " + OneLineErrorHandler.describe(error));
            err.flush();
            exitCode.complete(1);
        }
        inputClosed.complete(null);
    }

    private void print(String message) {
        if (exitCode.isDone()) {
            return;
        }
        out.println(format.render(message));
        out.flush();
        printed++;
        if (limit > 0 && printed >= limit) {
            exitCode.complete(0);
        }
    }
}
