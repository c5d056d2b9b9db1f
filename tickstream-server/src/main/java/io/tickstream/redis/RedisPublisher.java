package io.tickstream.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamStamp;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.instrument.NameTakenException;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StatePaths;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes onto Redis, each message in one Lua script ({@link RedisScripts}): a market-data
 * update is merged into the hash {@code tickstream:state:{id}} (one field per state path, numbers as
 * their exact text) and published, so no gateway can read a state that misses a published update;
 * a trade or account event is stamped with its stream's next seq and epoch, appended to the
 * stream's bounded history and published. On a cluster each script runs on the shard of its
 * instrument or account. An instrument is put into the catalog only under a name no other
 * instrument holds; one this publisher put is written back when its state or trade stream shows
 * that Redis lost everything (the state hash or stream was missing), unless its id has an entry
 * again. Thread-safe.
 */
public final class RedisPublisher implements MarketPublisher {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final RedisClusterAsyncCommands<String, String> commands;
    private final ChannelNames names;
    private final HistoryLimits limits;
    private final RedisScripts scripts;
    private final CatalogHash catalogHash;
    /** The catalog entries this publisher put, by id: written back should Redis lose them. */
    private final Map<String, String> putEntries = new ConcurrentHashMap<>();

    RedisPublisher(RedisClusterAsyncCommands<String, String> commands, ChannelNames names, HistoryLimits limits,
                   RedisScripts scripts, CatalogHash catalogHash) {
        this.commands = commands;
        this.names = names;
        this.limits = limits;
        this.scripts = scripts;
        this.catalogHash = catalogHash;
    }

    /** Stamps an update with neither seq nor epoch of its own (README, "Delivery guarantees"). */
    @Override
    public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
            throws MalformedUpdateException {
        StateUpdate update = StateUpdateParser.parse(updateJson);
        boolean stamp = update.seq() == StateUpdate.ABSENT && update.epoch() == null;
        Map<String, String> paths = update.toPaths();
        List<String> args = new ArrayList<>(6 + paths.size() * 2);
        args.add(names.channel(BusChannel.MARKET_DATA, instrumentId));
        args.add(stamp ? StreamStamp.tail(updateJson) : updateJson);
        args.add(stamp ? "1" : "0");
        args.add(StreamStamp.newEpoch());
        args.add(StatePaths.SEQ);
        args.add(StatePaths.EPOCH);
        paths.forEach((path, value) -> {
            args.add(path);
            args.add(value);
        });
        return commands.<Long>eval(scripts.storeAndPublish(), ScriptOutputType.INTEGER,
                new String[] {names.stateKey(instrumentId)}, args.toArray(new String[0]))
                .thenCompose(fresh -> fresh == 1 ? restore(instrumentId) : DONE);
    }

    @Override
    public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        try {
            return append(BusChannel.TRADES, instrumentId, StreamStamp.tradeTail(tradeJson));
        } catch (MalformedUpdateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        try {
            return append(BusChannel.ACCOUNT, account, StreamStamp.accountEventTail(eventJson));
        } catch (MalformedUpdateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Adds or replaces an instrument in the catalog hash; fails with {@link NameTakenException} when
     * another instrument holds its name (or one the same after folding). The check reads the hash
     * first: two publishers racing for one name may both write it, and gateways then keep one.
     */
    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        return commands.hgetall(names.catalogKey()).thenCompose(entries -> {
            CatalogHash.catalogOf(catalogHash.read(entries)).put(instrument);
            String json = InstrumentJson.write(instrument);
            return commands.hset(names.catalogKey(), instrument.id(), json)
                    .thenAccept(added -> putEntries.put(instrument.id(), json));
        });
    }

    /** Puts all the instruments with one read and one write; none is written when one's name is taken. */
    @Override
    public CompletionStage<Void> putInstruments(List<Instrument> instruments) {
        if (instruments.isEmpty()) {
            return DONE;
        }
        return commands.hgetall(names.catalogKey()).thenCompose(entries -> {
            Catalog catalog = CatalogHash.catalogOf(catalogHash.read(entries));
            Map<String, String> written = new LinkedHashMap<>();
            for (Instrument instrument : instruments) {
                catalog.put(instrument);
                written.put(instrument.id(), InstrumentJson.write(instrument));
            }
            return commands.hset(names.catalogKey(), written).thenAccept(added -> putEntries.putAll(written));
        });
    }

    /** Writes back an instrument this publisher put, unless its id has an entry. */
    private CompletionStage<Void> restore(String instrumentId) {
        String json = putEntries.get(instrumentId);
        if (json == null) {
            return DONE;
        }
        return commands.hsetnx(names.catalogKey(), instrumentId, json).thenAccept(written -> { });
    }

    private CompletionStage<Void> append(BusChannel kind, String key, String tail) {
        String[] keys = {names.historyKey(kind, key), names.streamKey(kind, key)};
        return commands.<Long>eval(scripts.appendAndPublish(), ScriptOutputType.INTEGER, keys,
                names.channel(kind, key), tail, StreamStamp.newEpoch(), Integer.toString(limits.maxMessages()),
                Long.toString(limits.maxAge().toMillis()))
                .thenCompose(seq -> seq == 1 && kind == BusChannel.TRADES ? restore(key) : DONE);
    }
}
