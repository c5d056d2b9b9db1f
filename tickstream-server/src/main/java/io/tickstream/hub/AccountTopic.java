package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import io.tickstream.account.AccountEventParser;
import io.tickstream.bus.StreamPosition;
import io.tickstream.transport.deflate.FrameDeflater;
import java.util.List;

/**
 * The sessions of one account on this node. Each private event is encoded once per protocol and
 * goes to every session of the account in stream order, each once (see {@link StreamCursor}); it
 * is never conflated.
 */
final class AccountTopic extends Topic {

    private final String account;
    private final TopicStream<AccountEvent> events;

    AccountTopic(String account, List<TopicView> views, ByteBufAllocator alloc, FrameDeflater deflater,
                 BusInterest interest, HubMeters hubMeters,
                 StreamCursor.HistoryReader history, RecoveryMeters.Kind meters, int maxWaiting, StreamEvents hub) {
        super(views.size(), deflater, interest, hubMeters);
        this.account = account;
        this.events = new TopicStream<>(this, new TopicStream.Encoders<>() {
            @Override
            public ByteBuf message(int view, AccountEvent event) {
                return views.get(view) instanceof AccountView accountView ? accountView.encode(event, alloc) : null;
            }

            @Override
            public ByteBuf gap(int view, StreamPosition next) {
                return views.get(view) instanceof AccountView accountView ? accountView.encodeGap(next, alloc) : null;
            }
        }, AccountEventParser::parse, history, meters, maxWaiting, hub);
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
        events.offer(event, receivedNanos);
    }

    /** Registers a held subscription with where it starts; null when retired. Call on its event loop. */
    synchronized StreamJoin.Start join(SessionOutbox outbox, int view) {
        return events.join(outbox, view);
    }

    /** Reads the stream again after the bus subscription was (re)made. */
    synchronized void resync() {
        events.resync();
    }

    @Override
    void retiredNow() {
        events.cancel();
    }
}
