package io.tickstream.cli;

import io.tickstream.client.Channel;
import io.tickstream.client.ClientBuilder;
import io.tickstream.client.ClientListener;
import io.tickstream.client.ConnectionRejectedException;
import io.tickstream.client.RetriesExhaustedException;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.TickstreamException;
import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.MarketMessage;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records a live stream into SQLite with the client SDK: every market message of the subscribed
 * symbols and channels (and the account's private events when asked), numbered in receive order.
 * Messages are received on the client's thread and written by a {@link RecordingWriter}; once a
 * message is {@linkplain #received queued} (and echoed), {@link #stop()} is guaranteed to commit it.
 * Start and stop from any thread.
 */
final class StreamRecorder {

    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(20);

    /** What to record and how. */
    record Settings(ClientBuilder client, List<String> symbols, List<Channel<?>> channels, int depth,
                    boolean account, Path db, int batchSize, Duration flushInterval) {
    }

    /** What a recording session wrote: rows per table and how long it ran. */
    record Summary(Map<String, Long> rows, Duration elapsed) {

        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Settings settings;
    private final RecordingWriter writer;
    private final PrintWriter echo;
    private final AtomicLong nextSeq;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<TickstreamException> failure = new CompletableFuture<>();
    private final TickstreamClient client;
    private final Object stopLock = new Object();
    private boolean stopped;
    private Summary summary;

    private StreamRecorder(Settings settings, RecordingWriter writer, PrintWriter echo) {
        this.settings = settings;
        this.writer = writer;
        this.echo = echo;
        this.nextSeq = new AtomicLong(writer.firstSeq());
        // Each frame is stored as received, to be read and replayed on its own: full states, never deltas.
        this.client = settings.client().stateDeltas(false).listener(new ClientListener() {
            @Override
            public void onError(TickstreamException error) {
                if (error instanceof RetriesExhaustedException || error instanceof ConnectionRejectedException) {
                    failure.complete(error);
                }
            }
        }).build();
        client.addMessageHandler(Channel.TEXT, this::received);
    }

    /**
     * Opens the recording, connects, subscribes and waits for the server to confirm.
     *
     * @param echo where every recorded message is printed as received, or null
     */
    static StreamRecorder start(Settings settings, PrintWriter echo) throws SQLException, InterruptedException {
        RecordingWriter writer = RecordingWriter.open(settings.db(), settings.depth(), settings.batchSize(),
                settings.flushInterval());
        StreamRecorder recorder = new StreamRecorder(settings, writer, echo);
        try {
            recorder.subscribe();
            return recorder;
        } catch (InterruptedException | RuntimeException e) {
            recorder.stop();
            throw e;
        }
    }

    private void subscribe() throws InterruptedException {
        client.connect();
        String[] symbols = settings.symbols().toArray(String[]::new);
        for (Channel<?> channel : settings.channels()) {
            CompletableFuture<Void> confirmed = channel == Channel.BOOK ? client.subscribeBook(settings.depth(), symbols)
                    : client.subscribe(channel, symbols);
            try {
                confirmed.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new TickstreamException("cannot subscribe " + channel + ": " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new TickstreamException("the server did not confirm the " + channel + " subscription within "
                        + SUBSCRIBE_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /** Completes with the fatal error when the client gives up (retries exhausted, refused). */
    CompletableFuture<TickstreamException> failure() {
        return failure;
    }

    /** The client's receive thread: parse, number, queue, echo. */
    private synchronized void received(String text) {
        if (stopped) {
            return;
        }
        Message message;
        try {
            message = MessageParser.parse(text);
        } catch (MalformedMessageException e) {
            return;
        }
        if (message instanceof MarketMessage || settings.account() && message instanceof AccountMessage) {
            try {
                if (!writer.add(new RecordedMessage(nextSeq.getAndIncrement(), System.currentTimeMillis(), message, text))) {
                    failure.complete(new TickstreamException("writing the recording failed"));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (echo != null) {
                echo.println(text);
                echo.flush();
            }
        }
    }

    /** Closes the connection, then commits everything received; idempotent, returns the same summary. */
    Summary stop() throws SQLException, InterruptedException {
        synchronized (stopLock) {
            if (summary == null) {
                synchronized (this) {
                    stopped = true;
                }
                client.close();
                summary = new Summary(writer.close(), Duration.ofNanos(System.nanoTime() - startNanos));
            }
            return summary;
        }
    }
}
