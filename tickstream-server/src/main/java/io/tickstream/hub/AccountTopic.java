package io.tickstream.hub;

import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import java.util.List;
import org.HdrHistogram.Recorder;

/**
 * The sessions of one account on this node. Each private event is encoded once per protocol and
 * goes to every session of the account, in bus order; it is never conflated.
 */
final class AccountTopic extends Topic {

    private final String account;
    private final List<TopicView> views;
    private final ByteBufAllocator alloc;

    AccountTopic(String account, List<TopicView> views, ByteBufAllocator alloc, BusInterest interest,
                 Recorder latency) {
        super(views.size(), interest, latency);
        this.account = account;
        this.views = views;
        this.alloc = alloc;
    }

    @Override
    boolean isInstrument() {
        return false;
    }

    @Override
    String key() {
        return account;
    }

    @Override
    long version() {
        return 0;
    }

    synchronized void apply(AccountEvent event, long receivedNanos) {
        publish(view -> views.get(view) instanceof AccountView accountView ? accountView.encode(event, alloc) : null,
                ALWAYS, receivedNanos);
    }
}
