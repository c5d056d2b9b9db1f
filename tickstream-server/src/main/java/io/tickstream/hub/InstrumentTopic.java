package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The live state of one instrument and who watches it. Every method holds the topic's monitor,
 * which makes the topic single-writer: a change is merged, encoded once per view that has
 * subscribers and handed to each event loop in one step, so all loops see changes in merge order.
 */
final class InstrumentTopic {

    final Instrument instrument;
    private final List<StateView> views;
    private final ByteBufAllocator alloc;
    private final BusInterest interest;
    private final List<LoopFanout> loops = new ArrayList<>();
    private final int[] viewCounts;
    private InstrumentState state;
    private int subscribers;
    private boolean retired;

    InstrumentTopic(Instrument instrument, List<StateView> views, ByteBufAllocator alloc, BusInterest interest) {
        this.instrument = instrument;
        this.views = views;
        this.alloc = alloc;
        this.interest = interest;
        this.viewCounts = new int[views.size()];
        this.state = InstrumentState.initial(instrument);
    }

    /** Outcome of {@link #apply}. */
    enum Applied { CHANGED, UNCHANGED }

    synchronized Applied apply(StateUpdate update, long receivedMicros) throws MalformedUpdateException {
        InstrumentState previous = state;
        InstrumentState next = previous.merge(update, receivedMicros);
        if (next.version() == previous.version()) {
            state = next;
            return Applied.UNCHANGED;
        }
        state = next;
        if (loops.isEmpty()) {
            return Applied.CHANGED;
        }
        ByteBuf[] frames = new ByteBuf[views.size()];
        try {
            for (int i = 0; i < frames.length; i++) {
                if (viewCounts[i] > 0) {
                    frames[i] = views.get(i).encodeChange(previous, next, alloc);
                }
            }
            for (LoopFanout fanout : loops) {
                fanout.dispatch(frames, next.version());
            }
        } finally {
            for (ByteBuf frame : frames) {
                if (frame != null) {
                    frame.release();
                }
            }
        }
        return Applied.CHANGED;
    }

    /**
     * Registers a subscription on the caller's event loop and returns it with the snapshot taken
     * at the same instant, or null when the topic was retired meanwhile (the caller retries).
     */
    synchronized Registered add(SessionOutbox outbox, int view) {
        if (retired) {
            return null;
        }
        EventLoop loop = outbox.channel().eventLoop();
        LoopFanout fanout = fanoutOf(loop);
        if (fanout == null) {
            fanout = new LoopFanout(loop);
            loops.add(fanout);
        }
        InstrumentState snapshot = state;
        Subscription subscription = new Subscription(outbox, instrument, view, snapshot.version());
        fanout.add(subscription);
        fanout.size++;
        viewCounts[view]++;
        if (++subscribers == 1) {
            interest.acquire(this);
        }
        return new Registered(subscription, snapshot);
    }

    /** Removes a subscription; returns true when it was the last one and the topic is now retired. */
    synchronized boolean remove(Subscription subscription) {
        LoopFanout fanout = fanoutOf(subscription.outbox.channel().eventLoop());
        if (fanout == null || retired) {
            return false;
        }
        fanout.remove(subscription);
        if (--fanout.size == 0) {
            loops.remove(fanout);
        }
        viewCounts[subscription.view]--;
        if (--subscribers == 0) {
            retired = true;
            interest.release(this);
            return true;
        }
        return false;
    }

    synchronized InstrumentState state() {
        return state;
    }

    private LoopFanout fanoutOf(EventLoop loop) {
        for (LoopFanout fanout : loops) {
            if (fanout.loop == loop) {
                return fanout;
            }
        }
        return null;
    }

    /** A new subscription and the state it starts from. */
    record Registered(Subscription subscription, InstrumentState snapshot) {
    }

    /**
     * Told, under the topic's monitor, when the first subscriber arrives and the last leaves, so
     * that bus subscribe and unsubscribe calls are issued in the order the topic saw them.
     */
    interface BusInterest {
        void acquire(InstrumentTopic topic);

        void release(InstrumentTopic topic);
    }
}
