package io.tickstream.hub;

import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamHistory;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A real bus with one step of it held or watched by a test: every call goes to {@code inner} unless overridden. */
abstract class DelegatingBus implements Bus {

    final Bus inner;

    DelegatingBus(Bus inner) {
        this.inner = inner;
    }

    @Override
    public void start(BusListener listener) {
        inner.start(listener);
    }

    @Override
    public CompletionStage<Void> subscribe(BusChannel kind, String key) {
        return inner.subscribe(kind, key);
    }

    @Override
    public void unsubscribe(BusChannel kind, String key) {
        inner.unsubscribe(kind, key);
    }

    @Override
    public CompletionStage<Map<String, String>> loadState(String instrumentId) {
        return inner.loadState(instrumentId);
    }

    @Override
    public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq, int limit) {
        return inner.history(kind, key, epoch, afterSeq, limit);
    }

    @Override
    public CompletionStage<Long> historyLength(BusChannel kind, String key) {
        return inner.historyLength(kind, key);
    }

    @Override
    public CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit) {
        return inner.candles(instrumentId, interval, end, limit);
    }

    @Override
    public CompletionStage<List<Instrument>> loadCatalog() {
        return inner.loadCatalog();
    }

    @Override
    public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
        return inner.restoreCatalog(instruments);
    }

    @Override
    public boolean isConnected() {
        return inner.isConnected();
    }

    @Override
    public MarketPublisher publisher() {
        return inner.publisher();
    }

    @Override
    public void close() {
        inner.close();
    }
}
