package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The subscribers of one topic that live on one event loop. The list is touched only on that
 * loop; a message becomes a single task on the loop that writes to all of them, instead of one
 * cross-thread task per socket. It records, once per message, how long the message took from the
 * bus to this loop's sockets.
 */
final class LoopFanout {

    final EventLoop loop;
    /** Guarded by the owning topic's monitor: how many subscriptions the loop-side list holds. */
    int size;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private final HubMeters meters;

    LoopFanout(EventLoop loop, HubMeters meters) {
        this.loop = loop;
        this.meters = meters;
    }

    void add(Subscription subscription) {
        assert loop.inEventLoop();
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        assert loop.inEventLoop();
        subscriptions.remove(subscription);
    }

    /**
     * Hands one encoded message (a frame per view index, null where a view has nothing) to this
     * loop: subscriptions that joined at or after {@code version} skip it, and {@code seq} is its
     * stream seq (see {@link Subscription#deliver}). Takes one reference of each frame and releases
     * it once the loop has written them.
     */
    void dispatch(ByteBuf[] frames, long version, long seq, long receivedNanos) {
        for (ByteBuf frame : frames) {
            if (frame != null) {
                frame.retain();
            }
        }
        try {
            loop.execute(() -> deliver(frames, version, seq, receivedNanos));
        } catch (RejectedExecutionException e) {
            Topic.release(frames);
            throw e;
        }
    }

    /**
     * Delivers to one subscription. What fails there (a delta's full state, a session's own
     * compression) costs that subscription this message, not the other subscribers of the loop.
     */
    private void deliver(Subscription subscription, ByteBuf frame, long seq) {
        try {
            subscription.deliver(frame.retainedDuplicate(), seq);
            subscription.outbox.flush();
        } catch (RuntimeException | OutOfMemoryError e) {
            meters.deliveryFailed(subscription.topic.key(), e);
        }
    }

    private void deliver(ByteBuf[] frames, long version, long seq, long receivedNanos) {
        try {
            for (int i = 0, n = subscriptions.size(); i < n; i++) {
                Subscription subscription = subscriptions.get(i);
                ByteBuf frame = frames[subscription.view];
                if (frame == null || subscription.sinceVersion() >= version) {
                    continue;
                }
                deliver(subscription, frame, seq);
            }
            meters.deliveryLatencyMicros().recordValue((System.nanoTime() - receivedNanos) / 1_000);
        } finally {
            for (ByteBuf frame : frames) {
                if (frame != null) {
                    frame.release();
                }
            }
        }
    }
}
