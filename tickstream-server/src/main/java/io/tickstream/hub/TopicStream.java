package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamPosition;
import io.tickstream.state.MalformedUpdateException;

/**
 * The trade or account stream of one topic: its {@link StreamCursor}, and how the cursor's messages
 * and gap notices are encoded once per view and published to the topic's subscribers. Guarded by
 * the topic's monitor, like the cursor.
 */
final class TopicStream<M extends Sequenced> implements StreamCursor.Stream<M> {

    /** A view's frame for a message or a gap notice; null where the view has none. */
    interface Encoders<M> {
        ByteBuf message(int view, M message);

        ByteBuf gap(int view, StreamPosition next);
    }

    private final Topic topic;
    private final Encoders<M> encoders;
    private final StreamParser<M> parser;
    private final StreamEvents events;
    private final StreamCursor<M> cursor;
    /** When the message being offered came off the bus; 0 for messages sent from the history. */
    private long arrival;

    TopicStream(Topic topic, Encoders<M> encoders, StreamParser<M> parser, StreamCursor.HistoryReader history,
                RecoveryMeters.Kind meters, int maxWaiting, StreamEvents events) {
        this.topic = topic;
        this.encoders = encoders;
        this.parser = parser;
        this.events = events;
        this.cursor = new StreamCursor<>(topic, this, history, meters, maxWaiting);
    }

    /** A live message off the bus. */
    void offer(M message, long receivedNanos) {
        arrival = receivedNanos;
        try {
            cursor.offer(message);
        } finally {
            arrival = 0;
        }
    }

    /** Registers a held subscription with where it starts; null when the topic retired. Call on its event loop. */
    StreamJoin.Start join(SessionOutbox outbox, int view) {
        Subscription subscription = topic.add(outbox, view, false, cursor.ordinal(), true);
        return subscription == null ? null : new StreamJoin.Start(subscription, cursor.position(), cursor.ready());
    }

    /** Reads the stream again after the bus subscription was (re)made. */
    void resync() {
        if (!topic.retired()) {
            cursor.resync();
        }
    }

    /** The topic retired: joins still waiting for the first position are told it will not come. */
    void cancel() {
        cursor.cancel();
    }

    /** A live message's encoding failure goes to the bus thread's handler; one from the history is reported. */
    @Override
    public void send(M message, long ordinal) {
        try {
            topic.publish(view -> encoders.message(view, message), ordinal,
                    message.sequenced() ? message.seq() : Sequenced.NONE, arrival == 0 ? System.nanoTime() : arrival);
        } catch (EncodingException e) {
            if (arrival != 0) {
                throw e;
            }
            events.encodeFailed(e);
        }
    }

    @Override
    public void gap(StreamPosition next, long ordinal) {
        try {
            topic.publish(view -> encoders.gap(view, next), ordinal, Subscription.RESTART, System.nanoTime());
        } catch (EncodingException e) {
            events.encodeFailed(e);
        }
        events.gapped();
    }

    @Override
    public M parse(String payload) throws MalformedUpdateException {
        return parser.parse(payload, System.currentTimeMillis());
    }

    @Override
    public boolean retired() {
        return topic.retired();
    }
}
