package io.tickstream.client;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A feed as a blocking iterator: {@link #hasNext()} waits for the next message. It holds at most
 * {@code capacity} unread messages; beyond that the feed drops the oldest and counts them
 * ({@link #dropped()}). Ends when the client is closed ({@code hasNext()} false) or gives up
 * ({@code hasNext()} throws the client's {@link TickstreamException}). Close it to stop receiving.
 * Where the trade or account stream under it lost messages for good, reading hands the
 * {@link StreamBreak} to the {@linkplain #breakHandler break handler} at that point of the stream.
 * Read from one thread; {@link #close()} from any.
 *
 * @param <T> the message type
 */
public final class MessageStream<T> implements Iterator<T>, AutoCloseable, BreakAwareSubscriber<T> {

    private static final Object COMPLETE = new Object();

    private final int capacity;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private Consumer<? super StreamBreak> breakHandler = broken -> { };
    private Object next;

    MessageStream(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Called on the reading thread, inside {@link #hasNext()} and {@link #poll}, for each break read:
     * after the messages from before it were returned and before those from after it. Set it before
     * reading; breaks read without one are skipped.
     */
    public MessageStream<T> breakHandler(Consumer<? super StreamBreak> handler) {
        breakHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Waits for the next message; false once the stream has ended normally. */
    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                next = handOverBreak(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TickstreamException("interrupted while waiting for a message", e);
        }
        return holdsMessage();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        T message = (T) next;
        next = null;
        subscription.request(1);
        return message;
    }

    /** The next message, waiting at most {@code timeout}; null when none came or the stream has ended. */
    @SuppressWarnings("unchecked")
    public T poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (next == null) {
            Object taken = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (taken == null) {
                return null;
            }
            next = handOverBreak(taken);
        }
        if (!holdsMessage()) {
            return null;
        }
        T message = (T) next;
        next = null;
        subscription.request(1);
        return message;
    }

    /** Messages this stream lost because it was not read fast enough. */
    public long dropped() {
        return subscription instanceof FeedSubscription<?> feed ? feed.dropped() : 0;
    }

    /** Stops the stream: no more messages arrive and {@link #hasNext()} returns false once the unread ones are read. */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        queue.add(COMPLETE);
    }

    /** Null after handing a break to the handler; otherwise what was taken. */
    private Object handOverBreak(Object taken) {
        if (taken instanceof StreamBreak broken) {
            breakHandler.accept(broken);
            return null;
        }
        return taken;
    }

    /** True when {@link #next} holds a message, false at a normal end; throws at an error end. */
    private boolean holdsMessage() {
        if (next == COMPLETE) {
            return false;
        }
        if (next instanceof Failure failure) {
            throw failure.error() instanceof TickstreamException known ? known
                    : new TickstreamException("the stream failed: " + failure.error(), failure.error());
        }
        return true;
    }

    private record Failure(Throwable error) {
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(capacity);
    }

    @Override
    public void onNext(T item) {
        queue.add(item);
    }

    @Override
    public void onBreak(StreamBreak streamBreak) {
        queue.add(streamBreak);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        queue.add(COMPLETE);
    }
}
