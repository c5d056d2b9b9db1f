package io.tickstream.cli;

import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.redis.RedisBus;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The Redis options shared by the publishing commands ({@code --redis}, {@code --prefix}, and the
 * bounds of the trade and account histories their messages are kept in); set once by picocli.
 */
final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URI", required = true, description = "Redis, e.g. redis://localhost:6379.")
    private String uri;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = ChannelNames.DEFAULT_PREFIX,
            description = "Channel and key prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--history-size", paramLabel = "N", defaultValue = "" + HistoryLimits.DEFAULT_MAX_MESSAGES,
            description = "Messages each trade and account stream keeps for recovery (default: ${DEFAULT-VALUE}).")
    private int historySize;

    @Option(names = "--history-seconds", paramLabel = "S", defaultValue = "600",
            description = "Seconds a message stays in its stream's history at most (default: ${DEFAULT-VALUE}).")
    private int historySeconds;

    ChannelNames channels() {
        return new ChannelNames(prefix);
    }

    String uri() {
        return uri;
    }

    /** The URI without its password, for printing. */
    static String redact(String uri) {
        return uri.replaceFirst("//[^@/]*@", "//***@");
    }

    /** Connects to Redis now; the caller closes the bus. */
    RedisBus connect() {
        return RedisBus.connect(uri, channels(), new HistoryLimits(historySize, Duration.ofSeconds(historySeconds)));
    }
}
