package io.tickstream.cli;

import io.tickstream.instrument.Instrument;
import io.tickstream.redis.RedisBus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream catalog add}: adds or replaces one instrument in the Redis catalog; gateways
 * pick it up without a restart. Runs on the main thread.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add or replace an instrument in the Redis catalog.")
final class CatalogAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "Instrument id, e.g. 12345.")
    private String id;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The symbol clients subscribe to.")
    private String name;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "" + Instrument.DEFAULT_DEPTH,
            description = "BestLimit levels, 1.." + Instrument.MAX_DEPTH + " (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Free text.")
    private String description;

    @Option(names = "--mid-candles", description = "Build its candles from the quote mid instead of trades.")
    private boolean midCandles;

    @Override
    public Integer call() throws Exception {
        Instrument instrument = instrument();
        try (RedisBus bus = redis.connect()) {
            Acknowledgement.await(bus.publisher().putInstrument(instrument), "the instrument");
        }
        spec.commandLine().getOut().println("added instrument " + instrument.id() + " (" + instrument.name() + ") to "
                + redis.channels().catalogKey());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Instrument instrument() {
        try {
            return new Instrument(id, name, depth, description, midCandles);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
