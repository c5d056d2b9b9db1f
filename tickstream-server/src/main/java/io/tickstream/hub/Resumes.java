package io.tickstream.hub;

import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.state.MalformedUpdateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;

/**
 * Clients joining a trade or account stream, resuming after the position they had ({@code since}):
 * whether the history still holds everything they missed, and the paced {@link Replay} of it.
 * History pages are read through {@link HistoryPages}, so that identical reads in flight are
 * shared. Thread-safe.
 */
final class Resumes {

    private final HistoryPages pages;
    private final RecoveryMeters meters;

    Resumes(Bus bus, RecoveryMeters meters) {
        this.pages = new HistoryPages(bus, meters);
        this.meters = meters;
    }

    /**
     * The join of a held subscription, and what it recovers once its start position is known.
     *
     * @param charge told how many history messages each read for this client returned
     */
    <M extends Sequenced> StreamJoin<M> join(StreamJoin.Start start, BusChannel kind, String key, StreamPosition since,
                                             Replay.Encoders<M> encoders, StreamParser<M> parser, IntConsumer charge) {
        RecoveryMeters.Kind kindMeters = meters.of(kind);
        CompletionStage<StreamPosition> position = start.position() != null
                ? CompletableFuture.completedFuture(start.position()) : start.ready();
        StreamCursor.HistoryReader reader = (epoch, afterSeq) -> pages.read(kind, key, epoch, afterSeq);
        Plan<M> plan = new Plan<>(start.subscription(), reader, parser, encoders, kindMeters, charge);
        return new StreamJoin<>(start.subscription(), position.thenCompose(now -> plan.recover(now, since)));
    }

    /** One client's resume of one stream. */
    private record Plan<M extends Sequenced>(Subscription subscription, StreamCursor.HistoryReader reader,
                                             StreamParser<M> parser, Replay.Encoders<M> encoders,
                                             RecoveryMeters.Kind meters, IntConsumer charge) {

        /**
         * What a client resuming after {@code since} gets, its held subscription starting after
         * {@code now}: nothing to send when it is there already; a replay from the history when its
         * first page follows {@code since} without a hole; else {@code recovered:false} and the stream
         * from now.
         */
        CompletionStage<StreamJoin.Recovery<M>> recover(StreamPosition now, StreamPosition since) {
            if (since == null) {
                return CompletableFuture.completedFuture(new StreamJoin.Recovery<>(new StreamJoin.Outcome(now, null),
                        null, Sequenced.NONE));
            }
            if (!since.epoch().equals(now.epoch())) {
                return CompletableFuture.completedFuture(lost(now));
            }
            if (since.seq() >= now.seq()) {
                return CompletableFuture.completedFuture(new StreamJoin.Recovery<>(new StreamJoin.Outcome(now, true),
                        null, since.seq()));
            }
            CompletionStage<StreamHistory> read;
            try {
                read = reader.read(since.epoch(), since.seq());
            } catch (RuntimeException e) {
                read = CompletableFuture.failedFuture(e);
            }
            return read.thenApply(history -> firstPage(now, since, history)).exceptionally(failure -> lost(now));
        }

        private StreamJoin.Recovery<M> firstPage(StreamPosition now, StreamPosition since, StreamHistory history) {
            charge.accept(history.payloads().size());
            if (!history.position().epoch().equals(since.epoch())) {
                return lost(now);
            }
            if (firstSeqAfter(since, history.payloads()) != since.seq() + 1) {
                return lost(now);
            }
            Replay<M> replay = new Replay<>(subscription, reader, parser, encoders, meters, charge, since, now.seq(),
                    history.payloads());
            return new StreamJoin.Recovery<>(new StreamJoin.Outcome(now, true), replay, Sequenced.NONE);
        }

        /**
         * The seq of the first message after {@code since} in its epoch, or -1 when there is none;
         * only the payloads up to it are parsed here (on the bus's thread): the replay parses the
         * rest as it sends them.
         */
        private long firstSeqAfter(StreamPosition since, List<String> payloads) {
            for (String payload : payloads) {
                try {
                    M message = parser.parse(payload, System.currentTimeMillis());
                    if (message.sequenced() && message.epoch().equals(since.epoch()) && message.seq() > since.seq()) {
                        return message.seq();
                    }
                } catch (MalformedUpdateException e) {
                    meters.malformedHistory();
                }
            }
            return -1;
        }

        private StreamJoin.Recovery<M> lost(StreamPosition now) {
            meters.unrecoverable();
            return new StreamJoin.Recovery<>(new StreamJoin.Outcome(now, false), null, Sequenced.NONE);
        }
    }
}
