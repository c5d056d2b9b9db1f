package io.tickstream.cli;

import io.tickstream.bench.BenchCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tickstream} command line: the root command that only groups the subcommands. Runs on
 * the main thread; each invocation gets its own instances.
 */
@Command(name = "tickstream",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Real-time market-data WebSocket gateway.",
        subcommands = {
            ServeCommand.class,
            SimulateCommand.class,
            PublishCommand.class,
            CatalogCommand.class,
            SubscribeCommand.class,
            RecordCommand.class,
            ReplayCommand.class,
            CandlesCommand.class,
            BenchCommand.class
        })
public final class TickstreamCommand {

    public static void main(String[] args) {
        CommandLine commandLine = newCommandLine()
                .setOut(utf8(FileDescriptor.out))
                .setErr(utf8(FileDescriptor.err));
        System.exit(commandLine.execute(args));
    }

    /** The command line with its error handling; output goes to picocli's default streams until set. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new TickstreamCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new OneLineErrorHandler());
    }

    private static PrintWriter utf8(FileDescriptor stream) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(stream), StandardCharsets.UTF_8), true);
    }
}
