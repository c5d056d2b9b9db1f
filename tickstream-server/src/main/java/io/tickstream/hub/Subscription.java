package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.tickstream.bus.Sequenced;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's interest in one topic through one view. Created and used on the connection's
 * event loop; its identity is the conflation key of its pending frames. A subscription to a trade
 * or account stream starts <em>held</em>: what the topic sends it waits here until its session
 * has told the client where the stream stands and sent what it recovered, then follows in order.
 */
public final class Subscription {

    /** The seq passed with a frame after which a stream goes on in another epoch or past a hole. */
    static final long RESTART = Long.MIN_VALUE;

    private record Held(ByteBuf frame, long seq) {
    }

    final SessionOutbox outbox;
    final Topic topic;
    final int view;
    final boolean conflatable;
    final long sinceVersion;
    private List<Held> held;
    /** Stream messages at or below this seq are ones the client has already had. */
    private long skipThrough = Sequenced.NONE;

    Subscription(SessionOutbox outbox, Topic topic, int view, boolean conflatable, long sinceVersion, boolean hold) {
        this.outbox = outbox;
        this.topic = topic;
        this.view = view;
        this.conflatable = conflatable;
        this.sinceVersion = sinceVersion;
        this.held = hold ? new ArrayList<>() : null;
    }

    /** Takes ownership of the frame; {@code seq} is its stream seq, {@link Sequenced#NONE} or {@link #RESTART}. */
    void deliver(ByteBuf frame, long seq) {
        if (held != null) {
            if (held.size() >= outbox.maxQueued()) {
                frame.release();
                outbox.disconnectSlowConsumer();
                return;
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
            outbox.offerConflatable(this, frame);
        } else {
            outbox.offerOrdered(frame);
        }
    }

    /**
     * Lets held frames and all later ones through, dropping those at or below {@code skipThrough}
     * (the client had them already, from another node or from the history).
     */
    void release(long skipThrough) {
        this.skipThrough = skipThrough;
        List<Held> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(h -> deliver(h.frame(), h.seq()));
            outbox.flush();
        }
    }

    /** Drops what is held; called when the subscription ends before it was released. */
    void discard() {
        if (held != null) {
            held.forEach(h -> h.frame().release());
            held.clear();
        }
    }
}
