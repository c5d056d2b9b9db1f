package io.tickstream.cli;

import io.tickstream.bus.ChannelNames;
import io.tickstream.redis.RedisBus;
import picocli.CommandLine.Option;

/** The Redis options shared by the publishing commands ({@code --redis}, {@code --prefix}); set once by picocli. */
final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URI", required = true, description = "Redis, e.g. redis://localhost:6379.")
    private String uri;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = ChannelNames.DEFAULT_PREFIX,
            description = "Channel and key prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

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
        return RedisBus.connect(uri, channels());
    }
}
