package io.tickstream.cli;

import io.tickstream.client.Channel;
import io.tickstream.client.ClientBuilder;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.TickstreamException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream record}: records a live JSON-protocol stream into SQLite with the client SDK
 * until SIGINT or SIGTERM (or until the client gives up), then commits everything received and
 * prints a summary line. Runs on the main thread; the summary on a signal is printed by the
 * shutdown hook.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a live stream (JSON protocol) into a SQLite file until interrupted.")
final class RecordCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The gateway's JSON protocol, e.g. ws://localhost:8080/")
    private URI url;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Credential credential;

    static final class Credential {
        @Option(names = "--api-key", paramLabel = "KEY", required = true, description = "API key.")
        String apiKey;

        @Option(names = "--token", paramLabel = "JWT", required = true, description = "JWT instead of an API key.")
        String token;
    }

    @Option(names = "--symbols", paramLabel = "SYMBOL", split = ",", required = true, description = "Symbols to record.")
    private List<String> symbols;

    @Option(names = "--channels", paramLabel = "CHANNEL", split = ",", defaultValue = "tick",
            description = "Any of tick, book, trades, state (default: ${DEFAULT-VALUE}).")
    private List<String> channels;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "5", description = "Book depth, 1..20 (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--db", paramLabel = "FILE", required = true,
            description = "SQLite file; created when missing, appended to otherwise.")
    private Path db;

    @Option(names = "--account", description = "Also record the account's private events.")
    private boolean account;

    @Option(names = "--print", description = "Also print every recorded message on stdout as received.")
    private boolean print;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Commit at the latest after N messages (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--flush-interval-ms", paramLabel = "MS", defaultValue = "200",
            description = "Commit at the latest MS after a message arrived (default: ${DEFAULT-VALUE}).")
    private long flushIntervalMs;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "100",
            description = "Reconnect attempts in a row before giving up (default: ${DEFAULT-VALUE}).")
    private int maxRetries;

    private final AtomicBoolean finished = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        StreamRecorder.Settings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        StreamRecorder recorder = StreamRecorder.start(settings, print ? out : null);
        out.printf("Recording %s (%s) from %s into %s; Ctrl-C stops%n", String.join(",", symbols),
                String.join(",", channels) + (account ? ",account" : ""), url, db);
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(recorder, out), "tickstream-record-stop"));
        TickstreamException failure = recorder.failure().get();
        finish(recorder, out);
        throw failure;
    }

    /** Stops the recording and prints the summary, once, from the main thread or the shutdown hook. */
    private void finish(StreamRecorder recorder, PrintWriter out) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            StreamRecorder.Summary summary = recorder.stop();
            out.println(summaryLine(summary));
        } catch (Exception e) {
            spec.commandLine().getErr().println("tickstream: the recording may be incomplete: " + OneLineErrorHandler.describe(e));
            spec.commandLine().getErr().flush();
        }
        out.flush();
    }

    private String summaryLine(StreamRecorder.Summary summary) {
        List<String> parts = new ArrayList<>();
        summary.rows().forEach((table, rows) -> parts.add(rows + " " + table.replace('_', ' ')));
        return String.format(Locale.ROOT, "Recorded %d messages into %s in %.1f s%s", summary.total(), db,
                summary.elapsed().toMillis() / 1000.0, parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private StreamRecorder.Settings settings() {
        List<Channel<?>> parsed = new ArrayList<>();
        try {
            for (String name : channels) {
                parsed.add(Channel.ofWireName(name));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--channels: " + e.getMessage());
        }
        if (depth < 1 || depth > 20 || batchSize < 1 || flushIntervalMs < 1 || maxRetries < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--depth must be 1..20, --batch-size and --flush-interval-ms positive, --max-retries not negative");
        }
        ClientBuilder client = TickstreamClient.builder().uri(url).maxRetries(maxRetries);
        if (credential.apiKey != null) {
            client.apiKey(credential.apiKey);
        } else {
            client.token(credential.token);
        }
        return new StreamRecorder.Settings(client, symbols, parsed, depth, account, db, batchSize,
                Duration.ofMillis(flushIntervalMs));
    }
}
