package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.instrument.Instrument;
import io.tickstream.metrics.GatewayMetrics;
import io.tickstream.metrics.ThrottledLog;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StatePaths;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes bus messages to instrument topics and manages who subscribes to what. Bus callbacks
 * arrive on the bus's thread; subscribe and unsubscribe are called on the subscriber's event
 * loop. The bus is subscribed to an instrument only while the instrument has a subscriber here.
 */
public final class Hub implements BusListener {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final Bus bus;
    private final List<StateView> views;
    private final Map<StateView, Integer> viewIndex = new IdentityHashMap<>();
    private final ByteBufAllocator alloc;
    private final GatewayMetrics metrics;
    private final ThrottledLog badInputLog = new ThrottledLog(log, 1000);
    private final Map<String, InstrumentTopic> topics = new ConcurrentHashMap<>();
    private final InstrumentTopic.BusInterest interest = new Interest();

    public Hub(Bus bus, List<StateView> views, ByteBufAllocator alloc, GatewayMetrics metrics) {
        this.bus = bus;
        this.views = List.copyOf(views);
        this.alloc = alloc;
        this.metrics = metrics;
        for (int i = 0; i < this.views.size(); i++) {
            viewIndex.put(this.views.get(i), i);
        }
    }

    /**
     * Subscribes a connection to an instrument through a view and sends it the current state
     * (where one is known) before any later change. Call on the connection's event loop.
     */
    public Subscription subscribe(SessionOutbox outbox, Instrument instrument, StateView view) {
        Integer index = viewIndex.get(view);
        if (index == null) {
            throw new IllegalArgumentException("view not registered with the hub: " + view);
        }
        while (true) {
            InstrumentTopic topic = topics.computeIfAbsent(instrument.id(),
                    id -> new InstrumentTopic(instrument, views, alloc, interest));
            InstrumentTopic.Registered registered = topic.add(outbox, index);
            if (registered == null) {
                topics.remove(instrument.id(), topic);
                continue;
            }
            if (registered.snapshot().version() > 0) {
                ByteBuf frame = view.encodeSnapshot(registered.snapshot(), alloc);
                if (frame != null) {
                    outbox.offerConflatable(registered.subscription(), frame);
                    outbox.flush();
                }
            }
            return registered.subscription();
        }
    }

    /** Ends a subscription. Call on the connection's event loop. */
    public void unsubscribe(Subscription subscription) {
        String id = subscription.instrument().id();
        InstrumentTopic topic = topics.get(id);
        if (topic != null && topic.remove(subscription)) {
            topics.remove(id, topic);
        }
    }

    @Override
    public void onMessage(BusChannel kind, String key, String payload) {
        metrics.busMessages.increment();
        if (kind != BusChannel.MARKET_DATA) {
            metrics.unroutedMessages.increment();
            return;
        }
        InstrumentTopic topic = topics.get(key);
        if (topic == null) {
            metrics.unroutedMessages.increment();
            return;
        }
        try {
            apply(topic, StateUpdateParser.parse(payload));
        } catch (MalformedUpdateException e) {
            metrics.malformedUpdates.increment();
            badInputLog.warn("dropped malformed update for instrument {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void onReconnected() {
        log.info("bus reconnected: resubscribing {} instruments and reloading their state", topics.size());
        topics.values().forEach(this::attach);
    }

    /** Instruments with at least one subscriber on this node. */
    public int activeTopics() {
        return topics.size();
    }

    private void apply(InstrumentTopic topic, StateUpdate update) throws MalformedUpdateException {
        if (topic.apply(update, nowMicros()) == InstrumentTopic.Applied.CHANGED) {
            metrics.stateChanges.increment();
        } else {
            metrics.unchangedUpdates.increment();
        }
    }

    /** Subscribes the bus for a topic, then loads the stored state so a late joiner is current. */
    private void attach(InstrumentTopic topic) {
        String id = topic.instrument.id();
        bus.subscribe(BusChannel.MARKET_DATA, id)
                .thenCompose(ignored -> bus.loadState(id))
                .whenComplete((paths, failure) -> {
                    if (failure != null) {
                        log.warn("could not load the stored state of {}: {}", id, failure.toString());
                    } else if (!paths.isEmpty()) {
                        applyStored(topic, paths);
                    }
                });
    }

    private void applyStored(InstrumentTopic topic, Map<String, String> paths) {
        try {
            apply(topic, StatePaths.toUpdate(paths));
        } catch (MalformedUpdateException e) {
            metrics.malformedUpdates.increment();
            badInputLog.warn("ignored malformed stored state of {}: {}", topic.instrument.id(), e.getMessage());
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Bus subscriptions by reference count: first subscriber in, last subscriber out. */
    private final class Interest implements InstrumentTopic.BusInterest {
        @Override
        public void acquire(InstrumentTopic topic) {
            metrics.activeTopics.incrementAndGet();
            attach(topic);
        }

        @Override
        public void release(InstrumentTopic topic) {
            metrics.activeTopics.decrementAndGet();
            bus.unsubscribe(BusChannel.MARKET_DATA, topic.instrument.id());
        }
    }
}
