package io.tickstream.client;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link Feed} of one channel and filter: a handler on the channel while it has subscribers,
 * offering each matching message, and each break of a matching stream, to every subscriber's
 * bounded buffer. Thread-safe.
 */
final class FeedPublisher<T> implements Feed<T> {

    private final Channel<T> channel;
    private final Predicate<? super T> filter;
    private final Predicate<StreamId> streams;
    private final FeedContext context;
    private final Set<FeedSubscription<T>> subscriptions = new CopyOnWriteArraySet<>();
    private final Consumer<T> handler = this::publish;
    private final Consumer<StreamBreak> breakHandler = this::publishBreak;
    private FeedRegistry.End ended;
    private long droppedByCancelled;

    /** What every feed of a client shares. */
    record FeedContext(Dispatcher dispatcher, FeedRegistry registry, Executor executor, Listeners listeners,
                       int capacity) {
    }

    /** @param streams which streams' breaks the feed's subscribers are told of (those its filter lets through) */
    FeedPublisher(Channel<T> channel, Predicate<? super T> filter, Predicate<StreamId> streams, FeedContext context) {
        this.channel = channel;
        this.filter = filter;
        this.streams = streams;
        this.context = context;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscribe(subscriber, context.capacity());
    }

    private void subscribe(Flow.Subscriber<? super T> subscriber, int capacity) {
        Objects.requireNonNull(subscriber, "subscriber");
        FeedSubscription<T> subscription = new FeedSubscription<>(subscriber, capacity, context.executor(),
                error -> context.listeners().error(new HandlerException(channel.name(), null, error)), this::cancelled);
        FeedRegistry.End end;
        synchronized (this) {
            end = ended != null ? ended : subscriptions.isEmpty() ? context.registry().join(this) : null;
            if (end == null) {
                if (subscriptions.isEmpty()) {
                    context.dispatcher().add(channel, handler);
                    context.dispatcher().addBreakHandler(channel, breakHandler);
                }
                subscriptions.add(subscription);
            }
        }
        subscription.start();
        if (end != null) {
            subscription.terminate(end.error());
        }
    }

    @Override
    public MessageStream<T> stream() {
        return stream(context.capacity());
    }

    @Override
    public MessageStream<T> stream(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        MessageStream<T> stream = new MessageStream<>(capacity);
        subscribe(stream, capacity);
        return stream;
    }

    @Override
    public synchronized long dropped() {
        long dropped = droppedByCancelled;
        for (FeedSubscription<T> subscription : subscriptions) {
            dropped += subscription.dropped();
        }
        return dropped;
    }

    /** The client ended: every subscriber is told, and later ones at once. */
    synchronized void terminate(FeedRegistry.End end) {
        ended = end;
        subscriptions.forEach(subscription -> subscription.terminate(end.error()));
    }

    private void publish(T message) {
        if (filter.test(message)) {
            for (FeedSubscription<T> subscription : subscriptions) {
                subscription.offer(message);
            }
        }
    }

    private void publishBreak(StreamBreak broken) {
        if (streams.test(broken.stream())) {
            for (FeedSubscription<T> subscription : subscriptions) {
                subscription.offerBreak(broken);
            }
        }
    }

    private synchronized void cancelled(FeedSubscription<T> subscription) {
        if (subscriptions.remove(subscription)) {
            droppedByCancelled += subscription.dropped();
            if (subscriptions.isEmpty()) {
                context.dispatcher().remove(channel, handler);
                context.dispatcher().removeBreakHandler(channel, breakHandler);
                context.registry().leave(this);
            }
        }
    }
}
