package io.tickstream.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream subscribe}: prints a live WebSocket stream, one JSON message after another, like
 * the IME documentation's example clients. Runs until the server closes, {@code --count} messages arrived, or
 * SIGINT. Runs on the main thread; messages are printed on the JDK's WebSocket thread.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = "Print the messages of a WebSocket stream, e.g. the IME protocol's.")
final class SubscribeCommand implements Callable<Integer> {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HANDSHAKE_TIMEOUT = CONNECT_TIMEOUT.multipliedBy(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "ws:// or wss:// URL, e.g. ws://localhost:8080/live/data/websocket/contract/name?contract_name=EURUSD")
    private URI url;

    @Option(names = "--token", paramLabel = "T", description = "Token or API key, sent as Authorization: Bearer T.")
    private String token;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N messages (default: no limit).")
    private long count;

    @Option(names = "--compact", description = "Print each message on one line instead of indented.")
    private boolean compact;

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must not be negative, was " + count);
        }
        StreamPrinter printer = new StreamPrinter(compact ? JsonFormat.compact() : JsonFormat.pretty(),
                spec.commandLine().getOut(), spec.commandLine().getErr(), count);
        WebSocket webSocket = open(printer);
        int exitCode = printer.exitCode().get();
        if (!webSocket.isOutputClosed()) {
            close(webSocket, printer);
        }
        return exitCode;
    }

    private WebSocket open(StreamPrinter printer) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<WebSocket> handshake = builder.buildAsync(url, printer);
        try {
            return handshake.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            handshake.cancel(true);
            throw new IOException("no WebSocket handshake with " + url + " within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
        }
    }

    private IOException failure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof WebSocketHandshakeException refused) {
                return new IOException("the server refused the WebSocket upgrade to " + url + ": HTTP "
                        + refused.getResponse().statusCode());
            }
            if (c instanceof UnresolvedAddressException) {
                return new IOException("cannot connect to " + url + ": unknown host " + url.getHost(), cause);
            }
        }
        if (cause instanceof ConnectException && cause.getMessage() == null) {
            return new IOException("cannot connect to " + url + ": connection refused", cause);
        }
        return new IOException("cannot connect to " + url, cause);
    }

    /** Says goodbye with a normal close and waits, briefly, for the server's close. */
    private static void close(WebSocket webSocket, StreamPrinter printer) throws InterruptedException {
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            printer.inputClosed().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            webSocket.abort();
        }
    }
}
