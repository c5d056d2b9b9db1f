package io.tickstream.client;

import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.State;
import io.tickstream.client.message.StateDelta;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The last full state of each symbol on the state channel, which the server's deltas apply to
 * (README, "State deltas"): every full state becomes its symbol's base; a delta makes the next full
 * state from it. A delta with nothing to apply to is dropped and its symbol subscribed again, which
 * brings a full state. Called on the receiving thread, one message at a time in arrival order;
 * {@link #resyncs()} from any.
 */
final class StateBases {

    private final Map<String, State> bases = new ConcurrentHashMap<>();
    private final Consumer<String> resubscribe;
    private final AtomicLong resyncs = new AtomicLong();

    /** @param resubscribe asked, on the receiving thread, to subscribe a symbol's state again */
    StateBases(Consumer<String> resubscribe) {
        this.resubscribe = resubscribe;
    }

    /** A full state: the new base of its symbol, whatever its seq. */
    void base(State state) {
        bases.put(state.symbol(), state);
    }

    /**
     * The full state after a delta, now the symbol's base; null when the delta is dropped: a
     * duplicate ({@code seq} not above the base's), or one without a base (then resubscribed).
     *
     * @throws MalformedMessageException when the delta is not an object
     */
    State apply(StateDelta delta) throws MalformedMessageException {
        State base = bases.get(delta.symbol());
        if (base == null) {
            resyncs.incrementAndGet();
            Listeners.LOG.log(System.Logger.Level.WARNING, "a state delta of {0} came without a full state before it: "
                    + "subscribing again", delta.symbol());
            resubscribe.accept(delta.symbol());
            return null;
        }
        if (delta.seq() != Sequenced.NO_SEQ && base.seq() != Sequenced.NO_SEQ && delta.seq() <= base.seq()) {
            Listeners.LOG.log(System.Logger.Level.DEBUG, "dropped a duplicate state delta of {0}: seq {1}",
                    delta.symbol(), delta.seq());
            return null;
        }
        State next = delta.applyTo(base);
        bases.put(next.symbol(), next);
        return next;
    }

    /** The symbol's state is no longer streamed (unsubscribed). */
    void forget(String symbol) {
        bases.remove(symbol);
    }

    /** A new connection: its states start from the full ones the server sends after subscribing. */
    void forgetAll() {
        bases.clear();
    }

    /** Deltas that came without a base, each answered by subscribing the symbol again. */
    long resyncs() {
        return resyncs.get();
    }
}
