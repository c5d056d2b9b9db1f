package io.tickstream.hub;

import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.state.MalformedUpdateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where this node stands in one trade or account stream, and its catching up. Messages go out in
 * seq order, each once. A hole (a message past the next seq, a new epoch, a bus reconnect) is
 * filled from the bus's history before anything newer goes out; what the history no longer holds
 * is reported as a gap. Until the stream's position is first read (just after the bus
 * subscription), live messages wait, so that every subscriber learns a position that the messages
 * it then gets follow without a hole. Guarded by its topic's monitor: history reads complete on the
 * bus's threads and come back under it.
 */
final class StreamCursor<M extends Sequenced> {

    /** What the cursor needs of its topic; called holding the topic's monitor. */
    interface Stream<M> {

        /** Encodes and dispatches one message; {@code ordinal} counts what the stream dispatched. */
        void send(M message, long ordinal);

        /** Tells every subscriber that the stream goes on past a hole, from {@code next} (the next message is above it). */
        void gap(StreamPosition next, long ordinal);

        M parse(String payload) throws MalformedUpdateException;

        boolean retired();
    }

    /** Reads the stream's history on the bus. */
    interface HistoryReader {
        CompletionStage<StreamHistory> read(String epoch, long afterSeq);
    }

    private static final Executor RETRY = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);

    private final Object monitor;
    private final Stream<M> stream;
    private final HistoryReader reader;
    private final RecoveryMeters.Kind meters;
    private final int maxWaiting;
    private final CompletableFuture<StreamPosition> ready = new CompletableFuture<>();
    /** The last message sent (at first, the position read); null until read. */
    private StreamPosition position;
    /** Live messages that wait for the position or for a catch-up; null while neither is under way. */
    private List<M> waiting = new ArrayList<>();
    private long ordinal;
    private int reads;
    private boolean reading;
    private boolean readAgain;

    StreamCursor(Object monitor, Stream<M> stream, HistoryReader reader, RecoveryMeters.Kind meters, int maxWaiting) {
        this.monitor = monitor;
        this.stream = stream;
        this.reader = reader;
        this.meters = meters;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Reads where the stream stands, once the bus subscription is in place: at first its position,
     * after a bus reconnect whatever it may have missed, live messages waiting meanwhile.
     */
    void resync() {
        if (waiting == null) {
            waiting = new ArrayList<>();
        }
        read();
    }

    /** A live message off the bus. */
    void offer(M message) {
        if (!message.sequenced()) {
            send(message);
            return;
        }
        if (waiting != null) {
            if (waiting.size() >= maxWaiting) {
                giveUp(message);
            } else {
                waiting.add(message);
            }
            return;
        }
        if (position.precedes(message)) {
            send(message);
        } else if (position.epoch().equals(message.epoch()) && message.seq() <= position.seq()) {
            meters.duplicate();
        } else {
            waiting = new ArrayList<>();
            waiting.add(message);
            read();
        }
    }

    /** The topic retired: a subscriber still waiting for the first position is told it will not come. */
    void cancel() {
        ready.completeExceptionally(new CancellationException("the stream's topic retired"));
    }

    /** The position subscribers that join now start from, or null until it was read (see {@link #ready()}). */
    StreamPosition position() {
        return position;
    }

    /** Completes with the first position read: where every subscriber that joined before it starts. */
    CompletionStage<StreamPosition> ready() {
        return ready;
    }

    /** How many messages and gaps the stream dispatched: a subscription that joins now gets those after it. */
    long ordinal() {
        return ordinal;
    }

    private void read() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        int generation = ++reads;
        meters.historyRead();
        StreamPosition from = position;
        CompletionStage<StreamHistory> answer;
        try {
            answer = reader.read(from == null ? null : from.epoch(), from == null ? -1 : from.seq());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((history, failure) -> {
            synchronized (monitor) {
                if (generation != reads || stream.retired()) {
                    return;
                }
                reading = false;
                if (failure != null) {
                    meters.historyReadFailed();
                    CompletableFuture.runAsync(this::retry, RETRY);
                } else {
                    caughtUp(from, history);
                }
            }
        });
    }

    private void retry() {
        synchronized (monitor) {
            if (!reading && !stream.retired() && waiting != null) {
                read();
            }
        }
    }

    private void caughtUp(StreamPosition from, StreamHistory history) {
        if (from == null) {
            position = history.position();
            ready.complete(position);
        } else {
            fill(from, history);
        }
        if (readAgain) {
            readAgain = false;
            read();
            return;
        }
        List<M> buffered = waiting;
        waiting = null;
        for (M message : buffered) {
            if (waiting == null && message.sequenced() && position.epoch().equals(message.epoch())
                    && message.seq() > position.seq() + 1) {
                // The history was read after this message came, and lacks what lies before it.
                position = new StreamPosition(position.epoch(), message.seq() - 1);
                reportGap();
            }
            offer(message);
        }
    }

    /**
     * Sends what the history holds after {@code from}. A hole it cannot fill (another epoch, messages
     * trimmed away, one that no longer parses) is reported once, as a gap, and the stream goes on
     * past it.
     */
    private void fill(StreamPosition from, StreamHistory history) {
        StreamPosition now = history.position();
        boolean gapped = false;
        if (!now.epoch().equals(from.epoch())) {
            position = new StreamPosition(now.epoch(), 0);
            gapped = reportGap();
        }
        for (M message : parse(history.payloads())) {
            if (!message.sequenced() || !message.epoch().equals(position.epoch()) || message.seq() <= position.seq()) {
                continue;
            }
            if (message.seq() > position.seq() + 1) {
                position = new StreamPosition(position.epoch(), message.seq() - 1);
                gapped = gapped || reportGap();
            }
            send(message);
            meters.recovered();
        }
        if (position.epoch().equals(now.epoch()) && position.seq() < now.seq()) {
            position = now;
            if (!gapped) {
                reportGap();
            }
        }
    }

    /** Tells the subscribers that the stream goes on from {@link #position} past a hole. */
    private boolean reportGap() {
        meters.gap();
        stream.gap(position, ++ordinal);
        return true;
    }

    /** Too much came live while catching up: say so, and go on from the newest messages. */
    private void giveUp(M newest) {
        List<M> buffered = waiting;
        buffered.add(newest);
        waiting = null;
        reads++;
        reading = false;
        readAgain = false;
        M oldest = buffered.get(0);
        position = new StreamPosition(oldest.epoch(), oldest.seq() - 1);
        reportGap();
        ready.complete(position);
        for (M message : buffered) {
            offer(message);
        }
    }

    private List<M> parse(List<String> payloads) {
        List<M> messages = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                messages.add(stream.parse(payload));
            } catch (MalformedUpdateException e) {
                meters.malformedHistory();
            }
        }
        return messages;
    }

    private void send(M message) {
        if (message.sequenced()) {
            position = new StreamPosition(message.epoch(), message.seq());
        }
        stream.send(message, ++ordinal);
    }
}
