package io.tickstream.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscriber of a feed: a bounded buffer that drops its oldest message when full, the
 * subscriber's demand, and a drain that runs on the delivery executor, one at a time, so the
 * subscriber gets its signals serially. {@link #offer} is called by the receiving thread and never
 * blocks; the rest from any thread.
 */
final class FeedSubscription<T> implements Flow.Subscription {

    private final Flow.Subscriber<? super T> subscriber;
    private final int capacity;
    private final Executor executor;
    private final Consumer<Throwable> onSubscriberError;
    private final Consumer<FeedSubscription<T>> onCancel;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final AtomicInteger work = new AtomicInteger();
    private long demand;
    private long dropped;
    private boolean dropping;
    private boolean cancelled;
    private boolean ending;
    private Throwable endError;
    private boolean ended;
    private boolean subscribed;

    FeedSubscription(Flow.Subscriber<? super T> subscriber, int capacity, Executor executor,
                     Consumer<Throwable> onSubscriberError, Consumer<FeedSubscription<T>> onCancel) {
        this.subscriber = subscriber;
        this.capacity = capacity;
        this.executor = executor;
        this.onSubscriberError = onSubscriberError;
        this.onCancel = onCancel;
    }

    /** Signals {@code onSubscribe}. */
    void start() {
        schedule();
    }

    void offer(T message) {
        synchronized (this) {
            if (cancelled || ending) {
                return;
            }
            if (buffer.size() == capacity) {
                buffer.poll();
                dropped++;
                if (!dropping) {
                    dropping = true;
                    Listeners.LOG.log(Level.WARNING, "a stream subscriber is not keeping up: its buffer of {0}"
                            + " messages is full, the oldest are dropped", capacity);
                }
            } else {
                dropping = false;
            }
            buffer.add(message);
        }
        schedule();
    }

    /** Ends the subscription after the buffered messages it has demand for; {@code error} null completes. */
    void terminate(Throwable error) {
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            endError = error;
        }
        schedule();
    }

    synchronized long dropped() {
        return dropped;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            terminate(new IllegalArgumentException("request must be positive, was " + n + " (Flow rule 3.9)"));
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        schedule();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            buffer.clear();
        }
        onCancel.accept(this);
    }

    private void schedule() {
        if (work.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException clientGone) {
                drain();
            }
        }
    }

    private void drain() {
        int missed = 1;
        do {
            if (!subscribed) {
                subscribed = true;
                subscriber.onSubscribe(this);
            }
            deliverBuffered();
            deliverEnd();
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliverBuffered() {
        while (true) {
            T next;
            synchronized (this) {
                if (cancelled || ended || demand == 0 || buffer.isEmpty()) {
                    return;
                }
                next = buffer.poll();
                demand--;
            }
            try {
                subscriber.onNext(next);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                onSubscriberError.accept(e);
            }
        }
    }

    private void deliverEnd() {
        Throwable error;
        synchronized (this) {
            if (!ending || ended || cancelled || !buffer.isEmpty() && demand > 0) {
                return;
            }
            ended = true;
            error = endError;
            buffer.clear();
        }
        if (error == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(error);
        }
    }
}
