package io.tickstream.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscriber of a feed: a bounded buffer that drops its oldest message when full (never a
 * {@link StreamBreak} queued among them), the subscriber's demand, and a drain that runs on the
 * delivery executor, one at a time, so the subscriber gets its signals serially. {@link #offer} and
 * {@link #offerBreak} are called by the receiving thread and never block; the rest from any thread.
 */
final class FeedSubscription<T> implements Flow.Subscription {

    private final Flow.Subscriber<? super T> subscriber;
    private final int capacity;
    private final Executor executor;
    private final Consumer<Throwable> onSubscriberError;
    private final Consumer<FeedSubscription<T>> onCancel;
    /** Messages of type T and {@link StreamBreak}s, in arrival order. */
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final AtomicInteger work = new AtomicInteger();
    private int messages;
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
            if (messages == capacity) {
                dropOldestMessage();
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
            messages++;
        }
        schedule();
    }

    /** Queues a break after the messages offered so far; only a {@link BreakAwareSubscriber} is told. */
    void offerBreak(StreamBreak broken) {
        if (!(subscriber instanceof BreakAwareSubscriber)) {
            return;
        }
        synchronized (this) {
            if (cancelled || ending) {
                return;
            }
            buffer.add(broken);
        }
        schedule();
    }

    private void dropOldestMessage() {
        Iterator<Object> oldestFirst = buffer.iterator();
        while (oldestFirst.hasNext()) {
            if (!(oldestFirst.next() instanceof StreamBreak)) {
                oldestFirst.remove();
                messages--;
                return;
            }
        }
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
            messages = 0;
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

    @SuppressWarnings("unchecked")
    private void deliverBuffered() {
        while (true) {
            Object next;
            synchronized (this) {
                boolean waitsForDemand = demand == 0 && !(buffer.peek() instanceof StreamBreak);
                if (cancelled || ended || buffer.isEmpty() || waitsForDemand) {
                    return;
                }
                next = buffer.poll();
                if (!(next instanceof StreamBreak)) {
                    messages--;
                    demand--;
                }
            }
            try {
                if (next instanceof StreamBreak broken) {
                    ((BreakAwareSubscriber<? super T>) subscriber).onBreak(broken);
                } else {
                    subscriber.onNext((T) next);
                }
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
            messages = 0;
        }
        if (error == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(error);
        }
    }
}
