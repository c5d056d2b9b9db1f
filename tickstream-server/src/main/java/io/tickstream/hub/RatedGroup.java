package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickstream.bus.Sequenced;
import io.tickstream.state.InstrumentState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The subscribers of one instrument through one view that asked for the same rate (SPEC §13): they
 * get the newest state at most once a period, encoded once for all of them. A change within a
 * period is sent when the period ends (one timeout on a shared timer wheel per group, never one
 * per subscriber), so the last change before a quiet spell always arrives and no state is older
 * than the period plus the wheel's tick. Every subscriber of a group starts from the state the
 * group last sent, so a change is the same for all of them, deltas included. Guarded by its topic's
 * monitor.
 */
final class RatedGroup {

    /** One wheel for every rated group of the process: its 2 ms tick is the staleness a period may add. */
    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
            new DefaultThreadFactory("tickstream-rates", true), 2, TimeUnit.MILLISECONDS, 1024);

    private final InstrumentTopic topic;
    private final StateView view;
    private final int viewIndex;
    private final int viewSlots;
    private final long periodNanos;
    private final ByteBufAllocator alloc;
    private final HubMeters meters;
    private final List<LoopFanout> loops = new ArrayList<>();
    private InstrumentState told;
    private long lastSentNanos;
    private Timeout pending;
    private int size;

    RatedGroup(InstrumentTopic topic, StateView view, int viewIndex, int viewSlots, long periodNanos,
               InstrumentState current, ByteBufAllocator alloc, HubMeters meters) {
        this.topic = topic;
        this.view = view;
        this.viewIndex = viewIndex;
        this.viewSlots = viewSlots;
        this.periodNanos = periodNanos;
        this.told = current;
        this.lastSentNanos = System.nanoTime() - periodNanos;
        this.alloc = alloc;
        this.meters = meters;
    }

    /** The state this group last sent (or started from): where a new subscriber starts. */
    InstrumentState told() {
        return told;
    }

    /** Adds a subscription (its view index is the plain or compressed slot of this group's view). */
    void add(Subscription subscription) {
        EventLoop loop = subscription.outbox.channel().eventLoop();
        LoopFanout fanout = fanoutOf(loop);
        if (fanout == null) {
            fanout = new LoopFanout(loop, meters);
            loops.add(fanout);
        }
        fanout.add(subscription);
        fanout.size++;
        size++;
    }

    /** Removes a subscription; returns how many are left. */
    int remove(Subscription subscription) {
        LoopFanout fanout = fanoutOf(subscription.outbox.channel().eventLoop());
        if (fanout != null) {
            fanout.remove(subscription);
            if (--fanout.size == 0) {
                loops.remove(fanout);
            }
        }
        if (--size == 0 && pending != null) {
            pending.cancel();
            pending = null;
        }
        return size;
    }

    /** The state changed: sends it now when a period has passed since the last send, else at the period's end. */
    void changed(long nowNanos) {
        if (pending != null) {
            return;
        }
        long wait = lastSentNanos + periodNanos - nowNanos;
        if (wait <= 0) {
            send(nowNanos);
        } else {
            pending = WHEEL.newTimeout(timeout -> topic.sendRated(this), wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Sends the newest state, if it changed since the last send, to every subscriber; call holding the topic's monitor. */
    void send(long nowNanos) {
        pending = null;
        InstrumentState current = topic.state();
        if (current.version() == told.version() || size == 0) {
            return;
        }
        ByteBuf frame = view.encodeChange(told, current, alloc);
        told = current;
        lastSentNanos = nowNanos;
        if (frame == null) {
            return;
        }
        meters.ratedEncode();
        ByteBuf[] frames = new ByteBuf[2 * viewSlots];
        frames[viewIndex] = frame;
        frames[viewIndex + viewSlots] = frame.retainedDuplicate();
        try {
            for (LoopFanout fanout : loops) {
                fanout.dispatch(frames, current.version(), Sequenced.NONE, System.nanoTime());
            }
        } finally {
            Topic.release(frames);
        }
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private LoopFanout fanoutOf(EventLoop loop) {
        for (LoopFanout fanout : loops) {
            if (fanout.loop == loop) {
                return fanout;
            }
        }
        return null;
    }
}
