package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.state.MalformedUpdateException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;

/**
 * What a resuming client missed, sent as fast as it reads it. The history is read a page at a
 * time, and a message goes out only while the connection's outbox has room (its socket writable,
 * nothing waiting), so a replay of any length the history holds never fills the outbox and never
 * makes a reading client a slow consumer. Live messages wait in the held subscription meanwhile.
 * When more come than it may hold while the client reads, they are dropped and the replay reads on
 * from the history, which has them too, until it reaches the live stream; a client whose socket has
 * taken nothing for {@link SessionOutbox#STALLED} is a slow consumer. Confined to the subscription's
 * event loop.
 */
final class Replay<M extends Sequenced> {

    /** A message's frame, and the notice that the stream goes on past a hole; null where the view has none. */
    interface Encoders<M> {
        ByteBuf message(M message);

        ByteBuf gap(StreamPosition next);
    }

    private final Subscription subscription;
    private final StreamCursor.HistoryReader pages;
    private final StreamParser<M> parser;
    private final Encoders<M> encoders;
    private final RecoveryMeters.Kind meters;
    private final IntConsumer charge;
    private final String epoch;
    /** Payloads read and not yet sent: each is parsed only when it goes out, on the loop, at the client's pace. */
    private final ArrayDeque<String> page = new ArrayDeque<>();
    /** The seq the client has. */
    private long last;
    /** The seq past which the held live messages go on; unknown (max) after live messages were dropped. */
    private long target;
    private boolean reading;
    /** Live messages were dropped since the last read was asked for: the next read's position becomes the target. */
    private boolean dropped;
    private int sent;
    private boolean finished;

    /**
     * @param since  where the client resumes from
     * @param target the position the held subscription starts after
     * @param first  the first page's payloads, already read (and charged) to decide that the history reaches
     *               {@code since}
     * @param charge told how many messages each further page read
     */
    Replay(Subscription subscription, StreamCursor.HistoryReader pages, StreamParser<M> parser, Encoders<M> encoders,
           RecoveryMeters.Kind meters, IntConsumer charge, StreamPosition since, long target, List<String> first) {
        this.subscription = subscription;
        this.pages = pages;
        this.parser = parser;
        this.encoders = encoders;
        this.meters = meters;
        this.charge = charge;
        this.epoch = since.epoch();
        this.last = since.seq();
        this.target = target;
        this.page.addAll(first);
    }

    /** Starts sending; the held subscription is released once the replay has reached it. Call on the loop. */
    void start() {
        subscription.replayWith(this);
        pump();
    }

    /**
     * The held subscription is full. Returns whether its frames may be dropped, the replay reading
     * them from the history instead: only while the client reads.
     */
    boolean liveOverflowed() {
        if (finished || subscription.outbox.stalled()) {
            return false;
        }
        dropped = true;
        target = Long.MAX_VALUE;
        meters.replayExtended();
        return true;
    }

    private void pump() {
        if (finished) {
            return;
        }
        if (subscription.ended()) {
            finished = true;
            page.clear();
            return;
        }
        SessionOutbox outbox = subscription.outbox;
        while (outbox.hasRoom()) {
            String payload = page.poll();
            if (payload == null) {
                outbox.flush();
                if (last >= target) {
                    finish();
                } else if (!reading) {
                    read();
                }
                return;
            }
            send(payload);
        }
        outbox.flush();
        outbox.whenRoom(this::pump);
    }

    private void send(String payload) {
        M message;
        try {
            message = parser.parse(payload, System.currentTimeMillis());
        } catch (MalformedUpdateException e) {
            meters.malformedHistory();
            return;
        }
        if (!message.sequenced() || !message.epoch().equals(epoch) || message.seq() <= last) {
            return;
        }
        if (message.seq() > last + 1) {
            hole(message.seq() - 1);
        }
        ByteBuf frame = encoders.message(message);
        if (frame != null) {
            subscription.outbox.offerOrdered(frame);
        }
        last = message.seq();
        sent++;
    }

    /** Tells the client that the stream goes on past a hole the history no longer covers, from {@code upTo}. */
    private void hole(long upTo) {
        meters.gap();
        ByteBuf notice = encoders.gap(new StreamPosition(epoch, upTo));
        if (notice != null) {
            subscription.outbox.offerOrdered(notice);
        }
        last = upTo;
    }

    private void read() {
        reading = true;
        boolean afterDrop = dropped;
        dropped = false;
        EventLoop loop = subscription.outbox.channel().eventLoop();
        pages.read(epoch, last).whenComplete((history, failure) -> {
            try {
                loop.execute(() -> {
                    reading = false;
                    if (finished) {
                        return;
                    }
                    if (failure != null) {
                        lost();
                    } else {
                        accept(history, afterDrop);
                    }
                    pump();
                });
            } catch (RejectedExecutionException e) {
                finished = true;
            }
        });
    }

    private void accept(StreamHistory history, boolean afterDrop) {
        charge.accept(history.payloads().size());
        StreamPosition top = history.position();
        if (!top.epoch().equals(epoch)) {
            // The history was lost meanwhile: the topic tells its live subscribers of the new epoch.
            finish();
            return;
        }
        page.addAll(history.payloads());
        if (afterDrop && !dropped) {
            target = top.seq();
        }
        if (history.payloads().isEmpty() && last < top.seq()) {
            hole(top.seq());
        }
    }

    /** A page could not be read: the client is told of the hole and goes on with the live stream. */
    private void lost() {
        hole(target == Long.MAX_VALUE ? last : target);
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        page.clear();
        meters.sessionRecovered(sent);
        subscription.release(last);
    }
}
