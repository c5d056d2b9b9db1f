package io.tickstream.alert;

import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamHistory;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One bus shared by the hub and the alerts: each side subscribes the channels it needs, and a
 * channel stays subscribed while either side holds it (the hub lets go of an instrument nobody
 * watches; the alerts still judge its prices). Every delivered message goes to the alerts first,
 * then to the hub, on the bus's thread. Thread-safe.
 */
public final class SharedBus {

    private final Bus bus;
    private final Side hub = new Side();
    private final Side alerts = new Side();

    public SharedBus(Bus bus) {
        this.bus = bus;
    }

    /** The bus as the hub uses it. */
    public Bus hubSide() {
        return hub;
    }

    /** The bus as the alerts use it. */
    public Bus alertSide() {
        return alerts;
    }

    /** Starts delivery: each message to {@code alertListener}, then to {@code hubListener}. */
    public void start(BusListener hubListener, BusListener alertListener) {
        bus.start(new BusListener() {
            @Override
            public void onMessage(BusChannel kind, String key, String payload) {
                alertListener.onMessage(kind, key, payload);
                hubListener.onMessage(kind, key, payload);
            }

            @Override
            public void onReconnected() {
                alertListener.onReconnected();
                hubListener.onReconnected();
            }
        });
    }

    /** One side's view: its own set of channels, everything else as the bus has it. */
    private final class Side implements Bus {
        /** Guarded by the SharedBus. */
        private final Set<String> held = new HashSet<>();

        @Override
        public void start(BusListener listener) {
            throw new UnsupportedOperationException("a shared bus is started by SharedBus.start");
        }

        @Override
        public CompletionStage<Void> subscribe(BusChannel kind, String key) {
            synchronized (SharedBus.this) {
                held.add(kind.segment() + ':' + key);
                return bus.subscribe(kind, key);
            }
        }

        @Override
        public void unsubscribe(BusChannel kind, String key) {
            String name = kind.segment() + ':' + key;
            synchronized (SharedBus.this) {
                if (held.remove(name) && !other(this).held.contains(name)) {
                    bus.unsubscribe(kind, key);
                }
            }
        }

        @Override
        public CompletionStage<Map<String, String>> loadState(String instrumentId) {
            return bus.loadState(instrumentId);
        }

        @Override
        public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq,
                                                      int limit) {
            return bus.history(kind, key, epoch, afterSeq, limit);
        }

        @Override
        public CompletionStage<Long> historyLength(BusChannel kind, String key) {
            return bus.historyLength(kind, key);
        }

        @Override
        public CompletionStage<List<Bar>> candles(String instrumentId, CandleInterval interval, long end, int limit) {
            return bus.candles(instrumentId, interval, end, limit);
        }

        @Override
        public CompletionStage<List<Instrument>> loadCatalog() {
            return bus.loadCatalog();
        }

        @Override
        public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
            return bus.restoreCatalog(instruments);
        }

        @Override
        public boolean isConnected() {
            return bus.isConnected();
        }

        @Override
        public MarketPublisher publisher() {
            return bus.publisher();
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("the shared bus is closed by its owner");
        }
    }

    private Side other(Side side) {
        return side == hub ? alerts : hub;
    }
}
