package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.tickstream.bus.Sequenced;
import io.tickstream.state.InstrumentState;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's interest in one topic through one view. Created and used on the connection's
 * event loop; its identity is the conflation key of its pending frames. A subscription to a trade
 * or account stream starts <em>held</em>: what the topic sends it waits here until its session
 * has told the client where the stream stands and sent what it recovered, then follows in order.
 *
 * <p>A subscription to deltas ({@link StateView#incremental()}) never lets conflation merge a change
 * away: a delta that would replace one still waiting for a slow reader is replaced, with it, by the
 * full state at the topic's current version, and the deltas dispatched up to that version are
 * skipped, since they are in that state already. The client takes the full state as its new base,
 * and the next delta it gets is the one based on that very version.
 */
public final class Subscription {

    /** The seq passed with a frame after which a stream goes on in another epoch or past a hole. */
    static final long RESTART = Long.MIN_VALUE;

    private record Held(ByteBuf frame, long seq) {
    }

    /** Where a subscription to deltas takes the full state that stands in for a delta. */
    private record Rebase(InstrumentTopic topic, StateView view) {
    }

    final SessionOutbox outbox;
    final Topic topic;
    final int view;
    final boolean conflatable;
    /** The group of subscribers at one rate this one belongs to, or null when it takes every change. */
    final RatedGroup rated;
    /** Messages published at or below this version are not for this subscription; raised by a rebase. */
    private long sinceVersion;
    private Rebase rebase;
    private List<Held> held;
    /** The replay that sends what a resuming client missed before the held frames; null when none runs. */
    private Replay<?> replay;
    private boolean ended;
    /** Stream messages at or below this seq are ones the client has already had. */
    private long skipThrough = Sequenced.NONE;

    Subscription(SessionOutbox outbox, Topic topic, int view, boolean conflatable, long sinceVersion, boolean hold) {
        this(outbox, topic, view, conflatable, sinceVersion, hold, null);
    }

    Subscription(SessionOutbox outbox, Topic topic, int view, boolean conflatable, long sinceVersion, boolean hold,
                 RatedGroup rated) {
        this.rated = rated;
        this.outbox = outbox;
        this.topic = topic;
        this.view = view;
        this.conflatable = conflatable;
        this.sinceVersion = sinceVersion;
        this.held = hold ? new ArrayList<>() : null;
    }

    long sinceVersion() {
        return sinceVersion;
    }

    /** Marks this as a subscription to the deltas of {@code view}, whose full states come from {@code topic}. */
    void rebaseDeltasOn(InstrumentTopic topic, StateView view) {
        rebase = new Rebase(topic, view);
    }

    /** Takes ownership of the frame; {@code seq} is its stream seq, {@link Sequenced#NONE} or {@link #RESTART}. */
    void deliver(ByteBuf frame, long seq) {
        if (held != null) {
            if (held.size() >= outbox.maxQueued()) {
                if (replay == null || !replay.liveOverflowed()) {
                    frame.release();
                    outbox.disconnectSlowConsumer();
                    return;
                }
                discard();
            }
            held.add(new Held(frame, seq));
            return;
        }
        if (seq == RESTART) {
            skipThrough = Sequenced.NONE;
        } else if (seq != Sequenced.NONE && seq <= skipThrough) {
            frame.release();
            return;
        }
        if (conflatable) {
            outbox.offerConflatable(this, rebase != null && outbox.pending(this) ? rebased(frame) : frame);
        } else {
            outbox.offerOrdered(frame);
        }
    }

    /**
     * The full state at the topic's current version, in place of a delta (released here) that would
     * have replaced the one waiting; later deltas up to that version are skipped.
     */
    private ByteBuf rebased(ByteBuf delta) {
        delta.release();
        InstrumentState current = rebase.topic().state();
        sinceVersion = Math.max(sinceVersion, current.version());
        outbox.deltaFallback();
        return rebase.view().encodeSnapshot(current, outbox.channel().alloc());
    }

    /**
     * Lets held frames and all later ones through, dropping those at or below {@code skipThrough}
     * (the client had them already, from another node or from the history).
     */
    void release(long skipThrough) {
        this.skipThrough = skipThrough;
        replay = null;
        List<Held> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(h -> deliver(h.frame(), h.seq()));
            outbox.flush();
        }
    }

    /** Sends what a resuming client missed, with {@code replay}, before the held frames. */
    void replayWith(Replay<?> replay) {
        this.replay = replay;
    }

    /** Ends the subscription: what is held is dropped. Called once it has left its topic. */
    void end() {
        ended = true;
        replay = null;
        discard();
    }

    /** Whether the subscription has left its topic. */
    boolean ended() {
        return ended;
    }

    /** Drops what is held. */
    private void discard() {
        if (held != null) {
            held.forEach(h -> h.frame().release());
            held.clear();
        }
    }
}
