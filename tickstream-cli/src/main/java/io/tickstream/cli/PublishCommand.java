package io.tickstream.cli;

import io.tickstream.bus.BusChannel;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.json.JsonTree;
import io.tickstream.redis.RedisBus;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdateParser;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tickstream publish}: one market-data update, trade print or account event onto Redis, the
 * way every Tickstream publisher does it (an update also lands in the stored state). Waits for Redis
 * to confirm. Runs on the main thread.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish one message onto the Redis bus.")
final class PublishCommand implements Callable<Integer> {

    /** What is published, and on which channel. */
    enum Kind {
        MD(BusChannel.MARKET_DATA), TRADE(BusChannel.TRADES), ACCOUNT(BusChannel.ACCOUNT);

        private final BusChannel channel;

        Kind(BusChannel channel) {
            this.channel = channel;
        }

        /** As written on the command line. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "md",
            description = "md (market-data update), trade (trade print) or account (private event); default: md.")
    private Kind kind;

    @Option(names = "--instrument", paramLabel = "ID", description = "Instrument id (md and trade).")
    private String instrument;

    @Option(names = "--account", paramLabel = "NAME", description = "Account name (account).")
    private String account;

    @Option(names = "--json", paramLabel = "JSON", required = true,
            description = "The message, e.g. '{\"Aggregate\":{\"last_price\":1.0850}}'.")
    private String json;

    @Override
    public Integer call() throws Exception {
        String key = key();
        validate();
        String channel;
        boolean catalogued;
        try (RedisBus bus = redis.connect()) {
            Acknowledgement.await(send(bus.publisher(), key), "the " + kind.label() + " message");
            channel = bus.names().channel(kind.channel, key);
            catalogued = kind == Kind.ACCOUNT || inCatalog(bus, key);
        }
        spec.commandLine().getOut().println("published to " + channel);
        spec.commandLine().getOut().flush();
        if (!catalogued) {
            spec.commandLine().getErr().println("warning: instrument " + key + " is not in the catalog "
                    + redis.channels().catalogKey() + " (Redis restarted empty?): gateways serve it once it is added"
                    + " (tickstream catalog add) or written back by a gateway that knows it");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    /**
     * Whether the catalog has the instrument: this command knows it by id only, so it cannot put it
     * back itself as the other publishers do.
     */
    private static boolean inCatalog(RedisBus bus, String id) throws Exception {
        return bus.loadCatalog().toCompletableFuture().get(Acknowledgement.TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .stream().anyMatch(instrument -> instrument.id().equals(id));
    }

    private String key() {
        boolean forAccount = kind == Kind.ACCOUNT;
        String key = forAccount ? account : instrument;
        String other = forAccount ? instrument : account;
        String needed = forAccount ? "--account" : "--instrument";
        if (key == null || key.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--kind " + kind.label() + " needs " + needed);
        }
        if (other != null) {
            throw new ParameterException(spec.commandLine(), "--kind " + kind.label() + " takes " + needed + " only");
        }
        return key;
    }

    /** Rejects a bad message before connecting, so the error is about the message. */
    private void validate() throws MalformedUpdateException {
        if (kind == Kind.MD) {
            StateUpdateParser.parse(json);
            return;
        }
        try {
            if (!(JsonTree.parse(json) instanceof Map)) {
                throw new MalformedUpdateException("--json must be a JSON object");
            }
        } catch (IOException e) {
            throw new MalformedUpdateException("--json is not valid JSON: " + e.getMessage(), e);
        }
    }

    private CompletionStage<Void> send(MarketPublisher publisher, String key) throws MalformedUpdateException {
        return switch (kind) {
            case MD -> publisher.publishMarketData(key, json);
            case TRADE -> publisher.publishTrade(key, json);
            case ACCOUNT -> publisher.publishAccountEvent(key, json);
        };
    }
}
