package io.tickstream.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamStamp;
import io.tickstream.instrument.Catalog;
import io.tickstream.candle.BarClock;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.candle.MidQuote;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.instrument.NameTakenException;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StatePaths;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import io.tickstream.trade.TradeParser;
import io.tickstream.trade.TradePrint;
import java.math.BigDecimal;
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
 * stream's bounded history and published, and a trade is added to its instrument's bars in the
 * same script (SPEC §12: bars are built once, where the trade is stamped). On a cluster each script
 * runs on the shard of its instrument or account. An instrument is put into the catalog only under
 * a name no other instrument holds; one this publisher put is written back when its state or trade
 * stream shows that Redis lost everything (the state hash or stream was missing), unless its id has
 * an entry again. Thread-safe.
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
    private final CandleSettings candles;
    private final BarClock clock;
    /** The key suffix of an instrument's hash of open bars. */
    static final String OPEN_BARS = "open";

    RedisPublisher(RedisClusterAsyncCommands<String, String> commands, ChannelNames names, HistoryLimits limits,
                   RedisScripts scripts, CatalogHash catalogHash, CandleSettings candles) {
        this.commands = commands;
        this.names = names;
        this.limits = limits;
        this.scripts = scripts;
        this.catalogHash = catalogHash;
        this.candles = candles;
        this.clock = new BarClock(candles.dayZone());
    }

    /** Stamps an update with neither seq nor epoch of its own (README, "Delivery guarantees"). */
    @Override
    public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson)
            throws MalformedUpdateException {
        StateUpdate update = StateUpdateParser.parse(updateJson);
        boolean stamp = update.seq() == StateUpdate.ABSENT && update.epoch() == null;
        Map<String, String> paths = update.toPaths();
        CandleInterval[] intervals = CandleInterval.values();
        List<String> args = new ArrayList<>(7 + intervals.length * 3 + paths.size() * 2);
        args.add(names.channel(BusChannel.MARKET_DATA, instrumentId));
        args.add(stamp ? StreamStamp.tail(updateJson) : updateJson);
        args.add(stamp ? "1" : "0");
        args.add(StreamStamp.newEpoch());
        args.add(StatePaths.SEQ);
        args.add(StatePaths.EPOCH);
        args.add(paths.containsKey(MidQuote.BID) || paths.containsKey(MidQuote.ASK) ? "1" : "0");
        String ts = paths.get(StatePaths.TS);
        String[] keys = new String[3 + intervals.length];
        keys[0] = names.stateKey(instrumentId);
        keys[1] = names.candleSourceKey(instrumentId);
        addBarArgs(instrumentId, ts != null ? Long.parseLong(ts) : System.currentTimeMillis(), keys, args);
        paths.forEach((path, value) -> {
            args.add(path);
            args.add(value);
        });
        return commands.<Long>eval(scripts.storeAndPublish(), ScriptOutputType.INTEGER, keys,
                args.toArray(new String[0])).thenCompose(fresh -> fresh == 1 ? restore(instrumentId) : DONE);
    }

    @Override
    public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        try {
            String tail = StreamStamp.tradeTail(tradeJson);
            TradePrint trade = TradeParser.parse(tradeJson, System.currentTimeMillis());
            CandleInterval[] intervals = CandleInterval.values();
            String[] keys = new String[3 + intervals.length];
            keys[0] = names.historyKey(BusChannel.TRADES, instrumentId);
            keys[1] = names.streamKey(BusChannel.TRADES, instrumentId);
            List<String> args = new ArrayList<>(7 + intervals.length * 3);
            args.addAll(appendArgs(BusChannel.TRADES, instrumentId, tail));
            args.add(new BigDecimal(trade.price()).toPlainString());
            args.add(new BigDecimal(trade.quantity()).toPlainString());
            addBarArgs(instrumentId, trade.time(), keys, args);
            return commands.<Long>eval(scripts.appendTrade(), ScriptOutputType.INTEGER, keys,
                    args.toArray(new String[0])).thenCompose(seq -> seq == 1 ? restore(instrumentId) : DONE);
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
     * Adds or replaces an instrument in the catalog hash, and marks whether its candles follow the
     * quote mid where the publish script looks; fails with {@link NameTakenException} when another
     * instrument holds its name (or one the same after folding). The check reads the hash first: two
     * publishers racing for one name may both write it, and gateways then keep one.
     */
    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        return commands.hgetall(names.catalogKey()).thenCompose(entries -> {
            CatalogHash.catalogOf(catalogHash.read(entries)).put(instrument);
            String json = InstrumentJson.write(instrument);
            return markCandleSource(instrument)
                    .thenCompose(marked -> commands.hset(names.catalogKey(), instrument.id(), json))
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
            CompletableFuture<?>[] marks = instruments.stream()
                    .map(instrument -> markCandleSource(instrument).toCompletableFuture()).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(marks)
                    .thenCompose(marked -> commands.hset(names.catalogKey(), written))
                    .thenAccept(added -> putEntries.putAll(written));
        });
    }

    /** Whether the instrument's candles follow the quote mid, where the publish script looks for it. */
    private CompletionStage<?> markCandleSource(Instrument instrument) {
        String source = names.candleSourceKey(instrument.id());
        return instrument.midCandles() ? commands.set(source, "mid") : commands.del(source);
    }

    /** Writes back an instrument this publisher put, unless its id has an entry. */
    private CompletionStage<Void> restore(String instrumentId) {
        String json = putEntries.get(instrumentId);
        if (json == null) {
            return DONE;
        }
        return commands.hsetnx(names.catalogKey(), instrumentId, json).thenAccept(written -> { });
    }

    /** KEYS[2..] the bar keys and, per interval, the bar's start, the trim start and the time to live. */
    private void addBarArgs(String instrumentId, long time, String[] keys, List<String> args) {
        keys[2] = names.candleKey(instrumentId, OPEN_BARS);
        for (CandleInterval interval : CandleInterval.values()) {
            long start = clock.start(interval, time);
            long kept = candles.retention(interval).toMillis();
            keys[3 + interval.ordinal()] = names.candleKey(instrumentId, interval.label());
            args.add(Long.toString(start));
            args.add(Long.toString(start - kept));
            args.add(Long.toString(kept + 2 * interval.millis()));
        }
    }

    private CompletionStage<Void> append(BusChannel kind, String key, String tail) {
        String[] keys = {names.historyKey(kind, key), names.streamKey(kind, key)};
        return commands.<Long>eval(scripts.appendAndPublish(), ScriptOutputType.INTEGER, keys,
                appendArgs(kind, key, tail).toArray(new String[0]))
                .thenCompose(seq -> seq == 1 && kind == BusChannel.TRADES ? restore(key) : DONE);
    }

    /** ARGV[1..5] of the append: channel, tail, candidate epoch, max messages, max age (ms). */
    private List<String> appendArgs(BusChannel kind, String key, String tail) {
        return List.of(names.channel(kind, key), tail, StreamStamp.newEpoch(), Integer.toString(limits.maxMessages()),
                Long.toString(limits.maxAge().toMillis()));
    }
}
