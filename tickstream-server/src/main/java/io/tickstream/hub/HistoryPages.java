package io.tickstream.hub;

import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.StreamHistory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads pages of the trade and account histories for resuming clients. Reads asked for while an
 * identical one is in flight (the same stream, epoch and starting seq) share it: clients that come
 * back together after a network blip or a node restart cost the bus one read, not one each.
 * Thread-safe.
 */
final class HistoryPages {

    /** Messages per page: what one resume holds in memory at a time, and what one read returns at most. */
    static final int PAGE = 256;

    private record Read(BusChannel kind, String key, String epoch, long afterSeq) {
    }

    private final Bus bus;
    private final RecoveryMeters meters;
    private final Map<Read, CompletableFuture<StreamHistory>> inFlight = new ConcurrentHashMap<>();

    HistoryPages(Bus bus, RecoveryMeters meters) {
        this.bus = bus;
        this.meters = meters;
    }

    /** At most {@link #PAGE} messages after {@code afterSeq} of {@code epoch}, with the stream's position; any thread. */
    CompletionStage<StreamHistory> read(BusChannel kind, String key, String epoch, long afterSeq) {
        Read read = new Read(kind, key, epoch, afterSeq);
        CompletableFuture<StreamHistory> mine = new CompletableFuture<>();
        CompletableFuture<StreamHistory> shared = inFlight.putIfAbsent(read, mine);
        RecoveryMeters.Kind kindMeters = meters.of(kind);
        if (shared != null) {
            kindMeters.historyReadShared();
            return shared;
        }
        kindMeters.historyRead();
        CompletionStage<StreamHistory> answer;
        try {
            answer = bus.history(kind, key, epoch, afterSeq, PAGE);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((history, failure) -> {
            inFlight.remove(read, mine);
            if (failure != null) {
                kindMeters.historyReadFailed();
                mine.completeExceptionally(failure);
            } else {
                mine.complete(history);
            }
        });
        return mine;
    }
}
