package io.tickstream.hub;

import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import io.tickstream.account.AccountEventParser;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamPosition;
import io.tickstream.state.MalformedUpdateException;
import java.util.List;
import org.HdrHistogram.Recorder;

/**
 * The sessions of one account on this node. Each private event is encoded once per protocol and
 * goes to every session of the account in stream order, each once (see {@link StreamCursor}); it
 * is never conflated.
 */
final class AccountTopic extends Topic implements StreamCursor.Stream<AccountEvent> {

    private final String account;
    private final List<TopicView> views;
    private final ByteBufAllocator alloc;
    private final StreamCursor<AccountEvent> cursor;
    private final StreamEvents events;
    /** When the event being offered came off the bus; 0 for events sent from the history. */
    private long arrival;

    AccountTopic(String account, List<TopicView> views, ByteBufAllocator alloc, BusInterest interest, Recorder latency,
                 StreamCursor.HistoryReader history, RecoveryMeters.Kind meters, int maxWaiting, StreamEvents events) {
        super(views.size(), interest, latency);
        this.account = account;
        this.views = views;
        this.alloc = alloc;
        this.cursor = new StreamCursor<>(this, this, history, meters, maxWaiting);
        this.events = events;
    }

    @Override
    boolean isInstrument() {
        return false;
    }

    @Override
    String key() {
        return account;
    }

    synchronized void apply(AccountEvent event, long receivedNanos) {
        arrival = receivedNanos;
        try {
            cursor.offer(event);
        } finally {
            arrival = 0;
        }
    }

    /** Registers a held subscription with where it starts; null when retired. Call on its event loop. */
    synchronized StreamJoin.Start join(SessionOutbox outbox, int view) {
        Subscription subscription = add(outbox, view, false, cursor.ordinal(), true);
        return subscription == null ? null : new StreamJoin.Start(subscription, cursor.position(), cursor.ready());
    }

    /** Reads the stream again after the bus subscription was (re)made. */
    synchronized void resync() {
        if (!retired()) {
            cursor.resync();
        }
    }

    /** A live event's encoding failure goes to the bus thread's handler; one from the history is reported. */
    @Override
    public void send(AccountEvent event, long ordinal) {
        try {
            publish(view -> views.get(view) instanceof AccountView accountView ? accountView.encode(event, alloc) : null,
                    ordinal, event.sequenced() ? event.seq() : Sequenced.NONE, arrival == 0 ? System.nanoTime() : arrival);
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
            publish(view -> views.get(view) instanceof AccountView accountView ? accountView.encodeGap(next, alloc) : null,
                    ordinal, Subscription.RESTART, System.nanoTime());
        } catch (EncodingException e) {
            events.encodeFailed(e);
        }
        events.gapped();
    }

    @Override
    public AccountEvent parse(String payload) throws MalformedUpdateException {
        return AccountEventParser.parse(payload, System.currentTimeMillis());
    }

    @Override
    public boolean retired() {
        return super.retired();
    }

    @Override
    void retiredNow() {
        cursor.cancel();
    }
}
