package io.tickstream.hub;

import io.netty.buffer.ByteBuf;

/**
 * One connection's interest in one topic through one view. Created and used on the connection's
 * event loop; its identity is the conflation key of its pending frames.
 */
public final class Subscription {

    final SessionOutbox outbox;
    final Topic topic;
    final int view;
    final boolean conflatable;
    final long sinceVersion;

    Subscription(SessionOutbox outbox, Topic topic, int view, boolean conflatable, long sinceVersion) {
        this.outbox = outbox;
        this.topic = topic;
        this.view = view;
        this.conflatable = conflatable;
        this.sinceVersion = sinceVersion;
    }

    void deliver(ByteBuf frame) {
        if (conflatable) {
            outbox.offerConflatable(this, frame);
        } else {
            outbox.offerOrdered(frame);
        }
    }
}
