package io.tickstream.client;

import io.tickstream.client.message.StreamPosition;
import io.tickstream.client.message.SubscriptionReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Keeps the server's subscriptions in line with the caller's. The wanted topics may be changed from
 * any thread (guarded by their own monitor); what was sent and confirmed on the current connection,
 * and the callers waiting for confirmations, belong to the client's loop thread. The next request
 * is computed from both when the connection can send ({@link #next()}), batched per channel, so a
 * reconnect resubscribes everything in a few messages and a rate-limit pause loses nothing. A trades
 * request resumes ({@code since}) each trade stream whose position is known.
 */
final class SubscriptionSync {

    static final int BATCH = 100;

    private enum Status { REQUESTED, CONFIRMED, UNSUBSCRIBING }

    private record Sent(int depth, double maxRate, Status status) {
    }

    private record Waiter(Set<Topic.Key> remaining, CompletableFuture<Void> done) {
    }

    private final Map<Topic.Key, Topic> wanted = new LinkedHashMap<>();
    private final Map<Topic.Key, Sent> sent = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final StreamPositions positions;
    private final boolean stateDeltas;

    /** @param stateDeltas whether state subscriptions ask for deltas after the first full state */
    SubscriptionSync(StreamPositions positions, boolean stateDeltas) {
        this.positions = positions;
        this.stateDeltas = stateDeltas;
    }

    /** Any thread: adds or replaces (a book's depth) topics. */
    void want(Collection<Topic> topics) {
        synchronized (wanted) {
            topics.forEach(topic -> wanted.put(topic.key(), topic));
        }
    }

    /** Any thread: stops wanting topics. */
    void unwant(Collection<Topic.Key> keys) {
        synchronized (wanted) {
            keys.forEach(wanted::remove);
        }
    }

    /** Any thread: a copy of the wanted topics, in the order they were first wanted. */
    Set<Topic> topics() {
        synchronized (wanted) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(wanted.values()));
        }
    }

    /** Completes {@code done} once the server confirmed every key (at once if it already has). */
    void await(Collection<Topic.Key> keys, CompletableFuture<Void> done) {
        Set<Topic.Key> remaining = new HashSet<>();
        for (Topic.Key key : keys) {
            Sent state = sent.get(key);
            if (state == null || state.status() != Status.CONFIRMED) {
                remaining.add(key);
            }
        }
        if (remaining.isEmpty()) {
            done.complete(null);
        } else {
            waiters.add(new Waiter(remaining, done));
            cancelUnwanted();
        }
    }

    /** The next subscribe or unsubscribe message to send, or null when the server is in line. */
    String next() {
        List<Topic> batch = new ArrayList<>();
        synchronized (wanted) {
            for (Topic topic : wanted.values()) {
                Sent state = sent.get(topic.key());
                boolean pending = state == null || state.status() == Status.UNSUBSCRIBING || state.depth() != topic.depth()
                        || state.maxRate() != topic.maxRate();
                if (pending && (batch.isEmpty() || batch.get(0).channel() == topic.channel()
                        && batch.get(0).depth() == topic.depth() && batch.get(0).maxRate() == topic.maxRate())) {
                    batch.add(topic);
                    if (batch.size() == BATCH) {
                        break;
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            batch.forEach(topic -> sent.put(topic.key(), new Sent(topic.depth(), topic.maxRate(), Status.REQUESTED)));
            Topic first = batch.get(0);
            List<String> symbols = batch.stream().map(Topic::symbol).toList();
            return Requests.subscribe(first.channel(), first.depth(), first.maxRate(), symbols,
                    first.channel() == Channel.TRADES ? resumePoints(symbols) : Map.of(), stateDeltas);
        }
        return nextUnsubscribe();
    }

    private Map<String, StreamPosition> resumePoints(List<String> symbols) {
        Map<String, StreamPosition> since = new LinkedHashMap<>();
        for (String symbol : symbols) {
            StreamPosition position = positions.resumePoint(StreamId.trades(symbol));
            if (position != null) {
                since.put(symbol, position);
            }
        }
        return since;
    }

    private String nextUnsubscribe() {
        Channel<?> channel = null;
        List<String> symbols = new ArrayList<>();
        synchronized (wanted) {
            for (Map.Entry<Topic.Key, Sent> entry : sent.entrySet()) {
                Topic.Key key = entry.getKey();
                if (wanted.containsKey(key) || entry.getValue().status() == Status.UNSUBSCRIBING
                        || channel != null && key.channel() != channel || symbols.size() == BATCH) {
                    continue;
                }
                channel = key.channel();
                symbols.add(key.symbol());
                entry.setValue(new Sent(entry.getValue().depth(), entry.getValue().maxRate(), Status.UNSUBSCRIBING));
            }
        }
        return channel == null ? null : Requests.unsubscribe(channel, symbols);
    }

    /** The server answered {@code subscribed} or {@code unsubscribed}. */
    void replied(SubscriptionReply reply) {
        boolean subscribed = reply.type().equals("subscribed");
        if (!subscribed && !reply.type().equals("unsubscribed")) {
            return;
        }
        Channel<?> channel;
        try {
            channel = reply.channel() == null ? Channel.TICK : Channel.ofWireName(reply.channel());
        } catch (IllegalArgumentException newerServer) {
            return;
        }
        for (String symbol : reply.symbols()) {
            Topic.Key key = resolve(channel, symbol);
            Sent state = key == null ? null : sent.get(key);
            if (state == null) {
                continue;
            }
            if (subscribed && state.status() == Status.REQUESTED) {
                sent.put(key, new Sent(state.depth(), state.maxRate(), Status.CONFIRMED));
                confirm(key);
            } else if (!subscribed && state.status() == Status.UNSUBSCRIBING) {
                sent.remove(key);
            }
        }
    }

    /**
     * The server refused a symbol (unknown, outside the key's scope, over the subscription limit):
     * its unconfirmed topics are dropped and their waiters fail. Returns whether any topic was dropped.
     */
    boolean rejected(String symbol, TickstreamException error) {
        List<Topic.Key> dropped = new ArrayList<>();
        for (Map.Entry<Topic.Key, Sent> entry : sent.entrySet()) {
            if (entry.getKey().symbol().equals(symbol) && entry.getValue().status() == Status.REQUESTED) {
                dropped.add(entry.getKey());
            }
        }
        dropped.forEach(sent::remove);
        unwant(dropped);
        fail(key -> dropped.contains(key), error);
        return !dropped.isEmpty();
    }

    /**
     * Sends a confirmed subscription again (the server answers it as a new one, with the current
     * state first); a symbol the server named that is not wanted, or is being requested, is left alone.
     */
    void resubscribe(Channel<?> channel, String symbol) {
        Topic.Key key = resolve(channel, symbol);
        Sent state = key == null ? null : sent.get(key);
        boolean wantedNow;
        synchronized (wanted) {
            wantedNow = key != null && wanted.containsKey(key);
        }
        if (wantedNow && state != null && state.status() == Status.CONFIRMED) {
            sent.remove(key);
        }
    }

    /** After a rate-limit pause: requests the server may have refused are sent again. */
    void retryUnconfirmed() {
        Iterator<Map.Entry<Topic.Key, Sent>> entries = sent.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Topic.Key, Sent> entry = entries.next();
            switch (entry.getValue().status()) {
                case REQUESTED -> entries.remove();
                case UNSUBSCRIBING -> entry.setValue(new Sent(entry.getValue().depth(), entry.getValue().maxRate(), Status.CONFIRMED));
                case CONFIRMED -> { }
            }
        }
    }

    /** The connection is gone, and with it every subscription on the server. */
    void disconnected() {
        sent.clear();
    }

    /** Fails the waiters of topics that are no longer wanted (unsubscribed before confirmed). */
    void cancelUnwanted() {
        Set<Topic.Key> current;
        synchronized (wanted) {
            current = new LinkedHashSet<>(wanted.keySet());
        }
        fail(key -> !current.contains(key), new TickstreamException("unsubscribed before the server confirmed it"));
    }

    /** The client is closed or gave up: every waiter fails with {@code error}. */
    void failAll(TickstreamException error) {
        fail(key -> true, error);
    }

    private void confirm(Topic.Key key) {
        Iterator<Waiter> all = waiters.iterator();
        while (all.hasNext()) {
            Waiter waiter = all.next();
            if (waiter.remaining().remove(key) && waiter.remaining().isEmpty()) {
                all.remove();
                waiter.done().complete(null);
            }
        }
    }

    private void fail(Predicate<Topic.Key> affected, TickstreamException error) {
        Iterator<Waiter> all = waiters.iterator();
        while (all.hasNext()) {
            Waiter waiter = all.next();
            if (waiter.remaining().stream().anyMatch(affected)) {
                all.remove();
                waiter.done().completeExceptionally(error);
            }
        }
    }

    /** Our key for a symbol the server named: the exact one, else one differing only in case. */
    private Topic.Key resolve(Channel<?> channel, String symbol) {
        Topic.Key exact = new Topic.Key(symbol, channel);
        if (sent.containsKey(exact)) {
            return exact;
        }
        for (Topic.Key key : sent.keySet()) {
            if (key.channel() == channel && key.symbol().equalsIgnoreCase(symbol)) {
                return key;
            }
        }
        return null;
    }
}
