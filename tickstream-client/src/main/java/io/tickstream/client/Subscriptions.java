package io.tickstream.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's side of subscribing: names become {@link Topic}s, which the subscription sync records
 * as wanted on the calling thread; then, on the client's loop thread, the caller's future waits for
 * the server's confirmation and whatever the change left pending is sent at once when connected.
 * Thread-safe.
 */
final class Subscriptions {

    private final SubscriptionSync sync;
    private final ClientLoop loop;
    private final Lifecycle life;
    private final ConnectionSupervisor supervisor;

    Subscriptions(SubscriptionSync sync, ClientLoop loop, Lifecycle life, ConnectionSupervisor supervisor) {
        this.sync = sync;
        this.loop = loop;
        this.life = life;
        this.supervisor = supervisor;
    }

    /** A market channel's symbols, books at the default depth. */
    CompletableFuture<Void> subscribe(Channel<?> channel, String... symbols) {
        return subscribe(topics(channel, channel == Channel.BOOK ? Topic.DEFAULT_BOOK_DEPTH : 0, 0, symbols));
    }

    CompletableFuture<Void> subscribeBook(int depth, String... symbols) {
        return subscribe(topics(Channel.BOOK, depth, 0, symbols));
    }

    /** A market channel's symbols at most {@code maxRate} messages a second each (books at the default depth). */
    CompletableFuture<Void> subscribeAtRate(Channel<?> channel, double maxRate, String... symbols) {
        return subscribe(topics(channel, channel == Channel.BOOK ? Topic.DEFAULT_BOOK_DEPTH : 0, maxRate, symbols));
    }

    void unsubscribe(Channel<?> channel, String... symbols) {
        List<Topic.Key> keys = new ArrayList<>();
        for (String symbol : symbols) {
            keys.add(new Topic.Key(symbol, channel));
        }
        sync.unwant(keys);
        loop.execute(() -> {
            sync.cancelUnwanted();
            supervisor.pump();
        });
    }

    /** Any thread: sends a subscription the server confirmed again, for its current state (see {@link SubscriptionSync#resubscribe}). */
    void resubscribe(Channel<?> channel, String symbol) {
        loop.execute(() -> {
            sync.resubscribe(channel, symbol);
            supervisor.pump();
        });
    }

    Set<Topic> topics() {
        return sync.topics();
    }

    private CompletableFuture<Void> subscribe(List<Topic> topics) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sync.want(topics);
        List<Topic.Key> keys = topics.stream().map(Topic::key).toList();
        boolean queued = loop.execute(() -> {
            TickstreamException ended = life.terminalError();
            if (ended != null) {
                done.completeExceptionally(ended);
                return;
            }
            sync.await(keys, done);
            supervisor.pump();
        });
        if (!queued) {
            done.completeExceptionally(new ClientClosedException());
        }
        return done;
    }

    private static List<Topic> topics(Channel<?> channel, int depth, double maxRate, String... symbols) {
        if (symbols.length == 0) {
            throw new IllegalArgumentException("name at least one symbol");
        }
        List<Topic> topics = new ArrayList<>(symbols.length);
        for (String symbol : symbols) {
            topics.add(new Topic(symbol, channel, depth, maxRate));
        }
        return topics;
    }
}
