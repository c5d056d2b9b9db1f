package io.tickstream.client;

import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.bus.StreamHistory;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-process bus for several gateways at once, as the nodes of a deployment share one Redis: a
 * single store of latest states, catalog and stream histories (one epoch), and for each node a view
 * with its own listener and subscriptions, as each node has its own pub/sub connection. An
 * {@link InProcessBus} delivers to one listener only, so it delivers here and this hands each
 * message to every view subscribed to its channel. Thread-safe.
 */
final class SharedBus implements AutoCloseable {

    private final InProcessBus store;
    private final List<NodeView> views = new CopyOnWriteArrayList<>();

    SharedBus(List<Instrument> catalog) {
        store = new InProcessBus(catalog);
        store.start(this::deliver);
    }

    /** A new node's view, for its gateway; closing it ends that node's deliveries only. */
    Bus node() {
        NodeView view = new NodeView();
        views.add(view);
        return view;
    }

    MarketPublisher publisher() {
        return store;
    }

    private void deliver(BusChannel kind, String key, String payload) {
        for (NodeView view : views) {
            view.deliver(kind, key, payload);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    /** One node's side of the bus: what it subscribed, and its gateway's listener. */
    private final class NodeView implements Bus {

        private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
        private volatile BusListener listener;

        @Override
        public void start(BusListener value) {
            listener = value;
        }

        @Override
        public CompletionStage<Void> subscribe(BusChannel kind, String key) {
            subscribed.add(kind.segment() + ':' + key);
            return store.subscribe(kind, key);
        }

        /** The store stays subscribed: other nodes may still want the channel, and this view filters. */
        @Override
        public void unsubscribe(BusChannel kind, String key) {
            subscribed.remove(kind.segment() + ':' + key);
        }

        @Override
        public CompletionStage<Map<String, String>> loadState(String instrumentId) {
            return store.loadState(instrumentId);
        }

        @Override
        public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq,
                                                          int limit) {
            return store.history(kind, key, epoch, afterSeq, limit);
        }

        @Override
        public CompletionStage<Long> historyLength(BusChannel kind, String key) {
            return store.historyLength(kind, key);
        }

        @Override
        public CompletionStage<List<Bar>> candles(String instrumentId,
                CandleInterval interval, long end, int limit) {
            return store.candles(instrumentId, interval, end, limit);
        }

        @Override
        public CompletionStage<List<Instrument>> loadCatalog() {
            return store.loadCatalog();
        }

        @Override
        public CompletionStage<Void> restoreCatalog(Collection<Instrument> instruments) {
            return store.restoreCatalog(instruments);
        }

        @Override
        public boolean isConnected() {
            return store.isConnected();
        }

        @Override
        public MarketPublisher publisher() {
            return store;
        }

        @Override
        public void close() {
            listener = null;
            views.remove(this);
        }

        void deliver(BusChannel kind, String key, String payload) {
            BusListener current = listener;
            if (current != null && subscribed.contains(kind.segment() + ':' + key)) {
                current.onMessage(kind, key, payload);
            }
        }
    }
}
