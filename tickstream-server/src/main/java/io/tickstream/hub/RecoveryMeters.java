package io.tickstream.hub;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickstream.bus.BusChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of the delivery guarantees, per kind of stream (trades, account): messages recovered
 * from the history, by the node after a hole or for a client's {@code since}; gaps the history
 * could not fill; history reads; duplicates dropped; and how many messages the histories of the
 * streams watched here hold. Bumped under topic monitors and on event loops; read at scrape time.
 */
public final class RecoveryMeters implements MeterBinder {

    private final Kind trades = new Kind("trades");
    private final Kind account = new Kind("account");

    Kind of(BusChannel kind) {
        return kind == BusChannel.TRADES ? trades : account;
    }

    /** The figures of one kind of stream. */
    public static final class Kind {
        private final String tag;
        private final LongAdder recovered = new LongAdder();
        private final LongAdder sessionRecovered = new LongAdder();
        private final LongAdder gaps = new LongAdder();
        private final LongAdder reads = new LongAdder();
        private final LongAdder failedReads = new LongAdder();
        private final LongAdder sharedReads = new LongAdder();
        private final LongAdder extendedReplays = new LongAdder();
        private final LongAdder refusedResumes = new LongAdder();
        private final LongAdder duplicates = new LongAdder();
        private final LongAdder malformed = new LongAdder();
        private final LongAdder unrecovered = new LongAdder();
        private final AtomicLong historySize = new AtomicLong();

        private Kind(String tag) {
            this.tag = tag;
        }

        void recovered() {
            recovered.increment();
        }

        void sessionRecovered(int messages) {
            sessionRecovered.add(messages);
        }

        void unrecoverable() {
            unrecovered.increment();
        }

        void gap() {
            gaps.increment();
        }

        void historyRead() {
            reads.increment();
        }

        void historyReadFailed() {
            failedReads.increment();
        }

        void historyReadShared() {
            sharedReads.increment();
        }

        void replayExtended() {
            extendedReplays.increment();
        }

        /** A resume refused because its connection or account had spent its recovery budget. */
        public void resumeRefused() {
            refusedResumes.increment();
        }

        void duplicate() {
            duplicates.increment();
        }

        void malformedHistory() {
            malformed.increment();
        }

        void historySize(long messages) {
            historySize.set(messages);
        }

        /** Messages the node recovered from the history for its own subscribers after a hole. */
        public long recoveredMessages() {
            return recovered.sum();
        }

        /** Holes the history could not fill, each told to the stream's subscribers as a gap. */
        public long gaps() {
            return gaps.sum();
        }

        /** Messages sent to clients that resumed with {@code since}. */
        public long sessionRecoveredMessages() {
            return sessionRecovered.sum();
        }

        /** Resumes with {@code since} answered {@code recovered:false}. */
        public long unrecoverableResumes() {
            return unrecovered.sum();
        }

        public long historyReads() {
            return reads.sum();
        }

        /** Page reads that joined an identical read already in flight instead of asking the bus again. */
        public long sharedHistoryReads() {
            return sharedReads.sum();
        }

        /** Replays that dropped held live messages and read them from the history instead. */
        public long extendedReplays() {
            return extendedReplays.sum();
        }

        /** Resumes refused because their connection or account had spent its recovery budget. */
        public long refusedResumes() {
            return refusedResumes.sum();
        }

        private void bind(MeterRegistry registry) {
            counter(registry, "tickstream.recovered.messages", "Messages of a hole the node filled from the history", recovered);
            counter(registry, "tickstream.resume.recovered.messages", "Messages sent to clients that resumed with since", sessionRecovered);
            counter(registry, "tickstream.resume.unrecoverable", "Resumes with since answered recovered:false", unrecovered);
            counter(registry, "tickstream.stream.gaps", "Holes the history could not fill (told to clients as gap)", gaps);
            counter(registry, "tickstream.history.reads", "Reads of a stream's history", reads);
            counter(registry, "tickstream.history.read.failures", "History reads that failed (retried)", failedReads);
            counter(registry, "tickstream.history.reads.shared", "Resume page reads that shared an identical read in flight",
                    sharedReads);
            counter(registry, "tickstream.resume.extended", "Replays that dropped held live messages and read them from"
                    + " the history instead", extendedReplays);
            counter(registry, "tickstream.resume.refused", "Resumes refused with rate_limited: recovery budget spent",
                    refusedResumes);
            counter(registry, "tickstream.stream.duplicates", "Stream messages dropped as already delivered", duplicates);
            counter(registry, "tickstream.history.malformed", "History entries that did not parse", malformed);
            Gauge.builder("tickstream.history.messages", historySize, AtomicLong::get).tag("stream", tag)
                    .description("Messages held in the histories of the streams watched on this node").register(registry);
        }

        private void counter(MeterRegistry registry, String name, String help, LongAdder adder) {
            FunctionCounter.builder(name, adder, LongAdder::sum).tag("stream", tag).description(help).register(registry);
        }
    }

    public Kind trades() {
        return trades;
    }

    public Kind account() {
        return account;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        trades.bind(registry);
        account.bind(registry);
    }
}
