package io.tickstream.client;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.AuthResult;
import io.tickstream.client.message.ControlMessage;
import io.tickstream.client.message.Gap;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.StreamPosition;
import io.tickstream.client.message.SubscriptionReply;
import io.tickstream.client.message.Trade;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client's side of the delivery guarantees (SPEC 7): keeps the trade and account streams'
 * positions from the server's replies, messages and gaps, drops the trades and account events
 * already delivered, and turns {@code recovered:false} and {@code gap} into {@link StreamBreak}s.
 * Called on the receiving thread, one message at a time in arrival order; {@link #duplicates()} from any.
 */
final class DeliveryGuard {

    private static final String TRADES = "trades";
    private static final String ACCOUNT = "account";

    private final StreamPositions positions;
    private final Consumer<StreamBreak> breaks;
    private final AtomicLong duplicates = new AtomicLong();

    /** @param breaks told of each break, on the receiving thread */
    DeliveryGuard(StreamPositions positions, Consumer<StreamBreak> breaks) {
        this.positions = positions;
        this.breaks = breaks;
    }

    /** Whether a market or account message goes on to the application: false for one already delivered. */
    boolean admit(Message message) {
        StreamId stream = message instanceof Trade trade ? StreamId.trades(trade.symbol())
                : message instanceof AccountMessage ? StreamId.account() : null;
        long seq = message instanceof Sequenced sequenced ? sequenced.seq() : Sequenced.NO_SEQ;
        if (stream == null || seq == Sequenced.NO_SEQ || positions.advance(stream, seq)) {
            return true;
        }
        duplicates.incrementAndGet();
        Listeners.LOG.log(System.Logger.Level.DEBUG, "dropped a duplicate of {0}: seq {1}", stream, seq);
        return false;
    }

    /** A reply or notice of the server: positions from {@code auth} and {@code subscribed}, gaps, unsubscribed trades. */
    void control(ControlMessage message) {
        if (message instanceof AuthResult auth && auth.success()) {
            resumed(StreamId.account(), auth.account(), auth.recovered());
        } else if (message instanceof SubscriptionReply reply && TRADES.equals(reply.channel())) {
            trades(reply);
        } else if (message instanceof Gap gap) {
            gap(gap);
        }
    }

    /** Duplicates dropped so far. */
    long duplicates() {
        return duplicates.get();
    }

    private void trades(SubscriptionReply reply) {
        if (reply.type().equals("unsubscribed")) {
            reply.symbols().forEach(symbol -> positions.set(StreamId.trades(symbol), null));
        } else if (reply.type().equals("subscribed")) {
            Set<String> symbols = new LinkedHashSet<>(reply.streams().keySet());
            symbols.addAll(reply.recovered().keySet());
            for (String symbol : symbols) {
                resumed(StreamId.trades(symbol), reply.streams().get(symbol), reply.recovered().get(symbol));
            }
        }
    }

    /**
     * The server told where a stream stands as it starts sending it. The known position stays when
     * it is of the same epoch and not refused ({@code recovered} true, or no resume asked): what
     * follows moves it on. Otherwise the stream goes on from {@code latest}.
     */
    private void resumed(StreamId stream, StreamPosition latest, Boolean recovered) {
        if (latest != null) {
            StreamPosition known = positions.get(stream);
            boolean continues = !Boolean.FALSE.equals(recovered) && known != null
                    && latest.epoch().equals(known.epoch()) && known.seq() != Sequenced.NO_SEQ;
            if (!continues) {
                positions.set(stream, latest);
            }
        }
        if (Boolean.FALSE.equals(recovered)) {
            breaks.accept(new StreamBreak(stream, StreamBreak.Cause.NOT_RECOVERED));
        }
    }

    private void gap(Gap gap) {
        StreamId stream = TRADES.equals(gap.channel()) && gap.symbol() != null ? StreamId.trades(gap.symbol())
                : ACCOUNT.equals(gap.channel()) ? StreamId.account() : null;
        if (stream == null) {
            return;
        }
        StreamPosition known = positions.get(stream);
        String epoch = gap.epoch() != null ? gap.epoch() : known == null ? null : known.epoch();
        positions.set(stream, new StreamPosition(epoch, epoch == null ? Sequenced.NO_SEQ : gap.seq()));
        breaks.accept(new StreamBreak(stream, StreamBreak.Cause.GAP));
    }
}
