package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamPosition;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdate;
import io.tickstream.trade.TradeParser;
import io.tickstream.trade.TradePrint;
import io.tickstream.transport.deflate.FrameDeflater;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instrument's live state and trade prints and who watches them. Holds the topic monitor for
 * every change: a change is merged, encoded once per view that has subscribers and handed to each
 * event loop in one step (single writer per instrument). Trade prints go out in stream order,
 * each once (see {@link StreamCursor}).
 */
final class InstrumentTopic extends Topic {

    final Instrument instrument;
    private final List<TopicView> views;
    private final ByteBufAllocator alloc;
    private InstrumentState state;
    /** The state its subscribers were last told about: changes are taken against it. */
    private InstrumentState published;
    private final TopicStream<TradePrint> trades;
    private final HubMeters hubMeters;
    /** The groups of subscribers at a maxRate, by view and period. */
    private final Map<RateKey, RatedGroup> rated = new HashMap<>();

    private record RateKey(int view, long periodNanos) {
    }

    InstrumentTopic(Instrument instrument, List<TopicView> views, ByteBufAllocator alloc, FrameDeflater deflater,
                    BusInterest interest,
                    HubMeters hubMeters, StreamCursor.HistoryReader history, RecoveryMeters.Kind meters, int maxWaiting,
                    StreamEvents events) {
        super(views.size(), deflater, interest, hubMeters);
        this.instrument = instrument;
        this.views = views;
        this.alloc = alloc;
        this.state = InstrumentState.initial(instrument);
        this.published = state;
        this.hubMeters = hubMeters;
        this.trades = new TopicStream<>(this, new TopicStream.Encoders<>() {
            @Override
            public ByteBuf message(int view, TradePrint trade) {
                return views.get(view) instanceof TradeView tradeView ? tradeView.encode(instrument, trade, alloc) : null;
            }

            @Override
            public ByteBuf gap(int view, StreamPosition next) {
                return views.get(view) instanceof TradeView tradeView ? tradeView.encodeGap(instrument, next, alloc) : null;
            }
        }, TradeParser::parse, history, meters, maxWaiting, events);
    }

    @Override
    boolean isInstrument() {
        return true;
    }

    @Override
    String key() {
        return instrument.id();
    }

    /** The latest state snapshot (immutable). */
    synchronized InstrumentState state() {
        return state;
    }

    /** Registers a subscription together with the state it starts from; null when retired. */
    synchronized Registered register(SessionOutbox outbox, int view, boolean conflatable) {
        InstrumentState snapshot = state;
        Subscription subscription = add(outbox, view, conflatable, snapshot.version(), false);
        if (subscription == null) {
            return null;
        }
        if (views.get(viewOf(view)) instanceof StateView stateView && stateView.incremental()) {
            subscription.rebaseDeltasOn(this, stateView);
        }
        return new Registered(subscription, snapshot);
    }

    /**
     * Registers a subscription that gets the newest state at most once per {@code periodNanos},
     * sharing the encode with every subscriber of the same view and period; it starts from the
     * state its group last sent (at most a period old), so that the group's next change, a delta
     * included, applies to it as to the others. Null when retired.
     */
    synchronized Registered registerRated(SessionOutbox outbox, int view, long periodNanos) {
        int plain = viewOf(view);
        StateView stateView = (StateView) views.get(plain);
        RatedGroup group = rated.computeIfAbsent(new RateKey(plain, periodNanos), key -> new RatedGroup(this,
                stateView, plain, views.size(), periodNanos, state, alloc, hubMeters));
        InstrumentState snapshot = group.told();
        Subscription subscription = addRated(outbox, view, snapshot.version(), group);
        if (subscription == null) {
            return null;
        }
        if (stateView.incremental()) {
            subscription.rebaseDeltasOn(this, stateView);
        }
        return new Registered(subscription, snapshot);
    }

    /** Sends a rated group its newest state (its period ended). */
    synchronized void sendRated(RatedGroup group) {
        if (!retired()) {
            group.send(System.nanoTime());
        }
    }

    @Override
    void ratedRemoved(Subscription subscription) {
        if (subscription.rated.remove(subscription) == 0) {
            rated.values().remove(subscription.rated);
        }
    }

    /**
     * Merges an update and sends the change to every view that shows it. The change is taken
     * against the state last sent, so that a change a failed encoder kept from the subscribers
     * goes out with the next one.
     *
     * @param maxSeqJump how far above the current {@code seq} an update of the same epoch may go
     * @throws EncodingException when a view failed to encode the change; the state is merged all the same
     */
    synchronized Outcome apply(StateUpdate update, long maxSeqJump, long receivedMicros, long receivedNanos)
            throws MalformedUpdateException {
        InstrumentState previous = state;
        if (previous.isStale(update)) {
            return Outcome.STALE;
        }
        if (previous.jumpsBeyond(update, maxSeqJump)) {
            return Outcome.JUMPED;
        }
        InstrumentState next = previous.merge(update, receivedMicros);
        state = next;
        if (next.version() == previous.version()) {
            return Outcome.UNCHANGED;
        }
        if (watched()) {
            InstrumentState told = published;
            publish(view -> views.get(view) instanceof StateView stateView
                    ? stateView.encodeChange(told, next, alloc) : null, next.version(), Sequenced.NONE, receivedNanos);
        }
        published = next;
        if (!rated.isEmpty()) {
            long now = System.nanoTime();
            for (RatedGroup group : rated.values()) {
                group.changed(now);
            }
        }
        return Outcome.CHANGED;
    }

    synchronized void apply(TradePrint trade, long receivedNanos) {
        trades.offer(trade, receivedNanos);
    }

    /** Registers a held trade subscription with where it starts; null when retired. Call on its event loop. */
    synchronized StreamJoin.Start joinTrades(SessionOutbox outbox, int view) {
        return trades.join(outbox, view);
    }

    /** Reads the trade stream again after the bus subscription was (re)made. */
    synchronized void resyncTrades() {
        trades.resync();
    }

    /** Sends the current state to every state subscriber again, as a new subscriber would get it. */
    synchronized void resendState() {
        if (watched() && state.version() > 0) {
            InstrumentState current = state;
            publish(view -> views.get(view) instanceof StateView stateView ? stateView.encodeSnapshot(current, alloc) : null,
                    ALWAYS, Sequenced.NONE, System.nanoTime());
        }
    }

    @Override
    void retiredNow() {
        trades.cancel();
        rated.values().forEach(RatedGroup::cancel);
        rated.clear();
    }

    /** What an update did to the state. */
    enum Outcome {
        CHANGED,
        /** Merged, but no field changed: nothing sent. */
        UNCHANGED,
        /** Ignored: its {@code seq} is not above the last one of its epoch. */
        STALE,
        /** Refused: its {@code seq} is further above the last one of its epoch than allowed. */
        JUMPED
    }

    /** A new subscription and the state it starts from. */
    record Registered(Subscription subscription, InstrumentState snapshot) {
    }
}
