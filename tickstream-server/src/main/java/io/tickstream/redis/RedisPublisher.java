package io.tickstream.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdateParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Publishes onto Redis. A market-data update is merged into the hash
 * {@code tickstream:state:{id}} (one field per state path, numbers as their exact text) and
 * published in one Lua script, so no gateway can read a state that misses a published update.
 * Thread-safe.
 */
public final class RedisPublisher implements MarketPublisher {

    /** KEYS[1] = state hash; ARGV[1] = channel, ARGV[2] = payload, then path/value pairs. */
    private static final String STORE_AND_PUBLISH = """
            if #ARGV > 2 then
              redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            end
            return redis.call('PUBLISH', ARGV[1], ARGV[2])
            """;

    private final RedisAsyncCommands<String, String> commands;
    private final ChannelNames names;

    public RedisPublisher(RedisAsyncCommands<String, String> commands, ChannelNames names) {
        this.commands = commands;
        this.names = names;
    }

    @Override
    public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
            throws MalformedUpdateException {
        Map<String, String> paths = StateUpdateParser.parse(updateJson).toPaths();
        List<String> args = new ArrayList<>(2 + paths.size() * 2);
        args.add(names.channel(BusChannel.MARKET_DATA, instrumentId));
        args.add(updateJson);
        paths.forEach((path, value) -> {
            args.add(path);
            args.add(value);
        });
        return commands.<Long>eval(STORE_AND_PUBLISH, ScriptOutputType.INTEGER,
                new String[] {names.stateKey(instrumentId)}, args.toArray(new String[0])).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        return commands.publish(names.channel(BusChannel.TRADES, instrumentId), tradeJson).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        return commands.publish(names.channel(BusChannel.ACCOUNT, account), eventJson).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        return commands.hset(names.catalogKey(), instrument.id(), InstrumentJson.write(instrument))
                .thenApply(added -> null);
    }
}
