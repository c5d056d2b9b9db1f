package io.tickstream.cli;

import io.tickstream.config.ConfigException;
import io.tickstream.config.ConfigFile;
import io.tickstream.config.GatewayConfig;
import io.tickstream.server.Gateway;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream serve}: runs one gateway node until SIGINT or SIGTERM, then drains it (clients
 * told and closed over {@code shutdown.drainSeconds}) and exits 0. With a configuration file, its
 * API keys are read again when it changes or on SIGHUP. Options override the
 * configuration file; without any API key a demo key is added and printed. Runs on the main thread.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a gateway node (in-process bus with the market simulator unless Redis is configured).")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration file.")
    private Path configFile;

    @Option(names = "--redis", paramLabel = "URI", description = "Redis bus, e.g. redis://localhost:6379 (overrides the file).")
    private String redisUri;

    @Option(names = "--port", paramLabel = "N", description = "Listening port, 0 for any free one (default 8080).")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Listening address (default 0.0.0.0).")
    private String host;

    @Option(names = "--demo-key", paramLabel = "KEY",
            description = "Add this demo API key (without it, a random one is added when no API key is configured).")
    private String demoKey;

    @Option(names = "--simulator-rate", paramLabel = "R",
            description = "Simulator updates per second on the in-process bus, 0 = off (default 20).")
    private Double simulatorRate;

    /** The demo key added at start, if any: kept when the file's keys are read again. */
    private String addedKey;

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        Gateway gateway = startGateway();
        if (configFile != null) {
            new ApiKeyReloader(configFile, addedKey == null ? List.of() : List.of(DemoKey.apiKey(addedKey)), gateway).start();
        }
        UntilSignal.block(gateway::drainAndClose);
        return 0;
    }

    /** Reads the configuration, starts the gateway and prints how to reach it; the caller closes it. */
    Gateway startGateway() throws ConfigException, InterruptedException {
        GatewayConfig.Builder builder = configFile == null ? GatewayConfig.builder() : ConfigFile.load(configFile);
        applyOverrides(builder);
        addedKey = demoKey != null || !builder.hasApiKeys() ? addDemoKey(builder) : null;
        GatewayConfig config = build(builder);
        Gateway gateway = Gateway.start(config);
        new ServeBanner(config, gateway, addedKey).print(spec.commandLine().getOut());
        return gateway;
    }

    private void applyOverrides(GatewayConfig.Builder builder) {
        if (redisUri != null) {
            builder.redisUri(redisUri);
        }
        if (port != null) {
            builder.port(port);
        }
        if (host != null) {
            builder.host(host);
        }
        if (simulatorRate != null) {
            builder.simulatorRate(simulatorRate);
        }
    }

    private String addDemoKey(GatewayConfig.Builder builder) {
        String key = demoKey != null ? demoKey : DemoKey.random();
        builder.apiKey(DemoKey.apiKey(key)).demoKey(key);
        return key;
    }

    private GatewayConfig build(GatewayConfig.Builder builder) throws ConfigException {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            String source = configFile == null ? "invalid setting" : configFile.toString();
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }
}
