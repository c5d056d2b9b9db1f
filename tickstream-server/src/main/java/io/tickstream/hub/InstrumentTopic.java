package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdate;
import io.tickstream.trade.TradePrint;
import java.util.List;
import org.HdrHistogram.Recorder;

/**
 * One instrument's live state and trade prints and who watches them. Holds the topic monitor for
 * every change: a change is merged, encoded once per view that has subscribers and handed to each
 * event loop in one step (single writer per instrument).
 */
final class InstrumentTopic extends Topic {

    final Instrument instrument;
    private final List<TopicView> views;
    private final ByteBufAllocator alloc;
    private InstrumentState state;

    InstrumentTopic(Instrument instrument, List<TopicView> views, ByteBufAllocator alloc, BusInterest interest,
                    Recorder latency) {
        super(views.size(), interest, latency);
        this.instrument = instrument;
        this.views = views;
        this.alloc = alloc;
        this.state = InstrumentState.initial(instrument);
    }

    @Override
    String key() {
        return instrument.id();
    }

    @Override
    synchronized long version() {
        return state.version();
    }

    /** The latest state snapshot (immutable). */
    synchronized InstrumentState state() {
        return state;
    }

    /** Registers a subscription together with the state it starts from; null when retired. */
    synchronized Registered register(SessionOutbox outbox, int view, boolean conflatable) {
        InstrumentState snapshot = state;
        Subscription subscription = add(outbox, view, conflatable);
        return subscription == null ? null : new Registered(subscription, snapshot);
    }

    /** Merges an update; returns whether it changed the state. */
    synchronized boolean apply(StateUpdate update, long receivedMicros, long receivedNanos)
            throws MalformedUpdateException {
        InstrumentState previous = state;
        InstrumentState next = previous.merge(update, receivedMicros);
        state = next;
        if (next.version() == previous.version()) {
            return false;
        }
        if (watched()) {
            ByteBuf[] frames = new ByteBuf[views.size()];
            boolean any = false;
            for (int i = 0; i < frames.length; i++) {
                if (views.get(i) instanceof StateView view && watched(i)) {
                    frames[i] = view.encodeChange(previous, next, alloc);
                    any |= frames[i] != null;
                }
            }
            if (any) {
                dispatch(frames, next.version(), receivedNanos);
            }
        }
        return true;
    }

    synchronized void apply(TradePrint trade, long receivedNanos) {
        ByteBuf[] frames = new ByteBuf[views.size()];
        boolean any = false;
        for (int i = 0; i < frames.length; i++) {
            if (views.get(i) instanceof TradeView view && watched(i)) {
                frames[i] = view.encode(instrument, trade, alloc);
                any = true;
            }
        }
        if (any) {
            dispatch(frames, ALWAYS, receivedNanos);
        }
    }

    /** A new subscription and the state it starts from. */
    record Registered(Subscription subscription, InstrumentState snapshot) {
    }
}
