package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.tickstream.transport.deflate.FrameDeflater;
import java.util.ArrayList;
import java.util.List;

/**
 * What subscribers of one bus key share: their event loops, how many watch through each view, and
 * the bus subscription that lives while any of them does. Every method holds the topic's monitor,
 * so a topic has one writer at a time and all loops see its messages in the same order.
 */
abstract class Topic {

    /** Version passed with messages that every subscriber receives, whenever it subscribed. */
    static final long ALWAYS = Long.MAX_VALUE;

    private final List<LoopFanout> loops = new ArrayList<>();
    /**
     * Subscriptions per view index: index {@code v} of a view for sessions that take plain frames,
     * {@code v + views} of the same view for sessions that speak permessage-deflate.
     */
    private final int[] viewCounts;
    private final int views;
    private final FrameDeflater deflater;
    private final BusInterest interest;
    private int subscribers;
    private boolean retired;

    private final HubMeters meters;

    Topic(int views, FrameDeflater deflater, BusInterest interest, HubMeters meters) {
        this.viewCounts = new int[2 * views];
        this.views = views;
        this.deflater = deflater;
        this.interest = interest;
        this.meters = meters;
    }

    /** The bus key of this topic: an instrument id or an account. */
    abstract String key();

    /** Whether this is an instrument's topic, whose subscriptions are counted, rather than an account's. */
    abstract boolean isInstrument();

    /**
     * Registers a subscription on the caller's event loop; null when the topic was retired
     * meanwhile. It gets the messages published with a version above {@code since}, and keeps them
     * until released when {@code hold}.
     */
    synchronized Subscription add(SessionOutbox outbox, int view, boolean conflatable, long since, boolean hold) {
        if (retired) {
            return null;
        }
        EventLoop loop = outbox.channel().eventLoop();
        LoopFanout fanout = fanoutOf(loop);
        if (fanout == null) {
            fanout = new LoopFanout(loop, meters);
            loops.add(fanout);
        }
        Subscription subscription = new Subscription(outbox, this, view, conflatable, since, hold);
        fanout.add(subscription);
        fanout.size++;
        viewCounts[view]++;
        if (++subscribers == 1) {
            interest.acquire(this);
        }
        return subscription;
    }

    /**
     * Registers a subscription that a {@link RatedGroup} serves instead of {@link #publish}; null
     * when the topic was retired meanwhile. Call on the subscriber's event loop.
     */
    synchronized Subscription addRated(SessionOutbox outbox, int view, long since, RatedGroup group) {
        if (retired) {
            return null;
        }
        Subscription subscription = new Subscription(outbox, this, view, true, since, false, group);
        group.add(subscription);
        if (++subscribers == 1) {
            interest.acquire(this);
        }
        return subscription;
    }

    /** Removes a subscription; the last one retires the topic. */
    synchronized void remove(Subscription subscription) {
        subscription.end();
        if (subscription.rated != null) {
            if (!retired) {
                ratedRemoved(subscription);
                leave();
            }
            return;
        }
        LoopFanout fanout = fanoutOf(subscription.outbox.channel().eventLoop());
        if (fanout == null || retired) {
            return;
        }
        fanout.remove(subscription);
        if (--fanout.size == 0) {
            loops.remove(fanout);
        }
        viewCounts[subscription.view]--;
        leave();
    }

    /** One subscriber fewer; the last one retires the topic. Call holding the monitor. */
    private void leave() {
        if (--subscribers == 0) {
            retired = true;
            interest.release(this);
            retiredNow();
        }
    }

    /** Called holding the monitor when a rated subscription leaves, before the count drops. */
    void ratedRemoved(Subscription subscription) {
    }

    /** The view a subscription's view index stands for (the same view for plain and compressed frames). */
    int viewOf(int index) {
        return index < views ? index : index - views;
    }

    /** Called once, holding the monitor, when the last subscriber has left. */
    void retiredNow() {
    }

    /** Call holding the monitor. */
    boolean retired() {
        return retired;
    }

    /** Call holding the monitor. */
    boolean watched() {
        return subscribers > 0;
    }

    /**
     * Encodes one message once per view that has subscribers and sends it to every loop; where
     * sessions that speak permessage-deflate watch a view, its frame is also compressed, once, for
     * all of them. A view that throws costs this one message only: the frames built so far are
     * released and the failure is reported as an {@link EncodingException}. Call holding the monitor.
     */
    void publish(MessageEncoder encoder, long version, long seq, long receivedNanos) {
        ByteBuf[] frames = new ByteBuf[viewCounts.length];
        boolean any = false;
        int view = 0;
        try {
            for (; view < views; view++) {
                boolean plain = viewCounts[view] > 0;
                boolean compressed = viewCounts[view + views] > 0;
                if (plain || compressed) {
                    ByteBuf frame = encoder.encode(view);
                    if (frame != null) {
                        any = true;
                        share(frames, view, frame, plain, compressed);
                    }
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            release(frames);
            throw new EncodingException(key(), view, e);
        }
        if (any) {
            dispatch(frames, version, seq, receivedNanos);
        }
    }

    /** Puts a view's frame, and its compressed variant where wanted, in their places; takes ownership of it. */
    private void share(ByteBuf[] frames, int view, ByteBuf frame, boolean plain, boolean compressed) {
        if (compressed) {
            try {
                ByteBuf deflated = deflater.compress(frame);
                frames[view + views] = deflated != null ? deflated : frame.retainedDuplicate();
            } catch (RuntimeException | OutOfMemoryError e) {
                frame.release();
                throw e;
            }
        }
        if (plain) {
            frames[view] = frame;
        } else {
            frame.release();
        }
    }

    /** Sends one frame per view to every loop, then drops the caller's references. Call holding the monitor. */
    private void dispatch(ByteBuf[] frames, long version, long seq, long receivedNanos) {
        try {
            for (LoopFanout fanout : loops) {
                fanout.dispatch(frames, version, seq, receivedNanos);
            }
        } finally {
            release(frames);
        }
    }

    static void release(ByteBuf[] frames) {
        for (ByteBuf frame : frames) {
            if (frame != null) {
                frame.release();
            }
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

    /** One message in the encoding of each view; null where the view has nothing to send for it. */
    @FunctionalInterface
    interface MessageEncoder {
        ByteBuf encode(int view);
    }

    /**
     * Told, under the topic's monitor, when the first subscriber arrives and the last leaves, so
     * that bus subscribe and unsubscribe calls are issued in the order the topic saw them. On
     * release the hub also forgets the retired topic.
     */
    interface BusInterest {
        void acquire(Topic topic);

        void release(Topic topic);
    }
}
