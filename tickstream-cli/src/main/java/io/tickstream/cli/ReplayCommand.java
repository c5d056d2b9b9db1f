package io.tickstream.cli;

import io.tickstream.bus.ChannelNames;
import io.tickstream.config.GatewayConfig;
import io.tickstream.server.Gateway;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream replay}: publishes a recording onto a bus at the recorded pace, N times faster,
 * or as fast as possible: into Redis, or into a gateway it starts itself ({@code --serve}), which
 * then keeps serving until SIGINT or SIGTERM. Runs on the main thread.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish a recording (from tickstream record) onto Redis or into a gateway of its own.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The SQLite recording.")
    private Path file;

    @ArgGroup(exclusive = true)
    private Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--speed", paramLabel = "N", description = "N times the recorded pace (default 1).")
        double speed = 1;

        @Option(names = "--as-fast-as-possible", description = "Do not wait between messages.")
        boolean asFastAsPossible;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @Option(names = "--redis", paramLabel = "URI", required = true, description = "Publish into Redis, e.g. redis://localhost:6379.")
        String redis;

        @Option(names = "--serve", required = true,
                description = "Start a gateway here (in-process bus, simulator off) and replay into it.")
        boolean serve;
    }

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = ChannelNames.DEFAULT_PREFIX,
            description = "Redis channel and key prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "--serve: listening port, 0 for any (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0", description = "--serve: listening address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--demo-key", paramLabel = "KEY", description = "--serve: the demo API key (default: a random one, printed).")
    private String demoKey;

    @Option(names = "--account", paramLabel = "NAME", defaultValue = Gateway.DEMO_ACCOUNT,
            description = "Account that recorded account events go to (default: ${DEFAULT-VALUE}; empty: none).")
    private String account;

    @Option(names = "--loop", description = "Start over at the end, until interrupted.")
    private boolean loop;

    @Override
    public Integer call() throws Exception {
        ReplayTarget opened = openTarget();
        boolean serving = opened.gateway() != null;
        if (serving) {
            // A served gateway drains on SIGTERM whether the replay is still running or done.
            UntilSignal.onSignal(opened::close);
        }
        try {
            do {
                replayInto(opened);
            } while (loop);
        } catch (Exception | Error e) {
            if (serving) {
                UntilSignal.failed();
            } else {
                opened.close();
            }
            throw e;
        }
        if (!serving) {
            opened.close();
            return 0;
        }
        out().println("Replay finished; still serving on port " + opened.gateway().port() + ", Ctrl-C stops");
        out().flush();
        UntilSignal.await();
        return 0;
    }

    /** Opens the recording's target: starts the gateway (printing how to reach it) or connects to Redis. */
    ReplayTarget openTarget() throws Exception {
        validate();
        ReplayPlan plan;
        try (RecordingReader reader = RecordingReader.open(file)) {
            plan = ReplayPlan.of(reader);
        }
        if (!target.serve) {
            return ReplayTarget.redis(target.redis, new ChannelNames(prefix), plan, out());
        }
        String key = demoKey != null ? demoKey : DemoKey.random();
        GatewayConfig config = GatewayConfig.builder().host(host).port(port).simulatorRate(0)
                .apiKey(DemoKey.apiKey(key)).build();
        ReplayTarget served = ReplayTarget.serve(config, plan);
        new ServeBanner(config, served.gateway(), key).print(out());
        return served;
    }

    /** Replays the whole recording into the target once and prints a summary line. */
    Replayer.Summary replayInto(ReplayTarget opened) throws Exception {
        try (RecordingReader reader = RecordingReader.open(file)) {
            ReplayPlan plan = ReplayPlan.of(reader);
            Pacer pacer = pace.asFastAsPossible ? Pacer.asFastAsPossible() : Pacer.of(pace.speed);
            Replayer.Summary summary = new Replayer(opened, plan, account, pacer).replay(reader);
            out().println(summaryLine(summary));
            out().flush();
            return summary;
        }
    }

    private String summaryLine(Replayer.Summary summary) {
        List<String> parts = new ArrayList<>();
        summary.published().forEach((table, rows) -> parts.add(rows + " " + table.replace('_', ' ')));
        return String.format(Locale.ROOT, "Replayed %d messages from %s in %.1f s%s%s", summary.total(), file,
                summary.elapsed().toMillis() / 1000.0, parts.isEmpty() ? "" : ": " + String.join(", ", parts),
                summary.skipped() == 0 ? "" : " (" + summary.skipped() + " covered by a richer channel or skipped)");
    }

    private void validate() {
        if (!pace.asFastAsPossible && !(pace.speed > 0)) {
            throw new ParameterException(spec.commandLine(), "--speed must be positive, was " + pace.speed);
        }
        if (!target.serve && (demoKey != null || port != 8080 || !host.equals("0.0.0.0"))) {
            throw new ParameterException(spec.commandLine(), "--port, --host and --demo-key go with --serve");
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
