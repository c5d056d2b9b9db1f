package io.tickstream.cli;

import io.tickstream.redis.RedisBus;
import io.tickstream.simulator.AccountSimulator;
import io.tickstream.simulator.DemoCatalog;
import io.tickstream.simulator.MarketSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream simulate}: the market simulator as a publisher of its own, writing the demo
 * catalog into Redis and publishing until SIGINT or SIGTERM. Runs on the main thread.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish the simulated demo market into Redis until interrupted.")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
            description = "Market-data updates per second across all instruments (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--account", paramLabel = "NAME", defaultValue = "demo",
            description = "Account whose private events are simulated (default: ${DEFAULT-VALUE}); empty for none.")
    private String account;

    @Override
    public Integer call() throws InterruptedException {
        RedisBus bus = redis.connect();
        MarketSimulator simulator;
        AccountSimulator accountSimulator;
        try {
            simulator = new MarketSimulator(bus.publisher(), DemoCatalog.instruments(), rate);
            simulator.start();
            accountSimulator = account.isBlank() ? null : AccountSimulator.demo(bus.publisher(), account);
            if (accountSimulator != null) {
                accountSimulator.start();
            }
        } catch (RuntimeException e) {
            bus.close();
            throw e;
        }
        spec.commandLine().getOut().printf("Simulating %d instruments at %s updates/s into %s (prefix %s); Ctrl-C stops%n",
                DemoCatalog.instruments().size(), ServeBanner.rate(rate), RedisOptions.redact(redis.uri()),
                redis.channels().prefix());
        spec.commandLine().getOut().flush();
        UntilSignal.block(() -> {
            simulator.close();
            if (accountSimulator != null) {
                accountSimulator.close();
            }
            bus.close();
        });
        return 0;
    }
}
