package io.tickstream.hub;


import io.tickstream.bus.BusChannel;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.StreamHistory;
import io.tickstream.instrument.Instrument;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Resumes reading the same page of a history at the same time share one read of the bus. */
class HistoryPagesTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");

    private final InProcessBus inner = new InProcessBus(List.of(EURUSD));
    private final HeldReads bus = new HeldReads(inner);
    private final RecoveryMeters meters = new RecoveryMeters();
    private final HistoryPages pages = new HistoryPages(bus, meters);

    @Test
    void shouldShareOneBusReadAmongIdenticalReadsInFlightAndReadAgainOnceItCompleted() {
        for (int n = 1; n <= 5; n++) {
            inner.publishTrade("1", "{\"price\":1,\"quantity\":" + n + ",\"side\":\"buy\"}");
        }
        String epoch = inner.history(BusChannel.TRADES, "1", null, -1).toCompletableFuture().join().position().epoch();

        List<CompletableFuture<StreamHistory>> together = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            together.add(pages.read(BusChannel.TRADES, "1", epoch, 2).toCompletableFuture());
        }
        CompletableFuture<StreamHistory> otherPage = pages.read(BusChannel.TRADES, "1", epoch, 3).toCompletableFuture();

        assertThat(bus.asked).as("one read per distinct page").hasSize(2);
        assertThat(together).noneMatch(CompletableFuture::isDone);
        bus.answerAll();
        assertThat(together).allSatisfy(read -> assertThat(read.join().payloads()).hasSize(3));
        assertThat(otherPage.join().payloads()).hasSize(2);
        assertThat(meters.trades().historyReads()).isEqualTo(2);
        assertThat(meters.trades().sharedHistoryReads()).isEqualTo(4);

        pages.read(BusChannel.TRADES, "1", epoch, 2);
        assertThat(bus.asked).as("a read after the shared one completed goes to the bus").hasSize(3);
    }

    /** The in-process bus, with history reads answered only when the test says so. */
    private static final class HeldReads extends DelegatingBus {
        private final List<Runnable> asked = new ArrayList<>();

        HeldReads(InProcessBus inner) {
            super(inner);
        }

        void answerAll() {
            List.copyOf(asked).forEach(Runnable::run);
        }

        @Override
        public CompletionStage<StreamHistory> history(BusChannel kind, String key, String epoch, long afterSeq, int limit) {
            CompletableFuture<StreamHistory> answer = new CompletableFuture<>();
            asked.add(() -> answer.complete(inner.history(kind, key, epoch, afterSeq, limit).toCompletableFuture().join()));
            return answer;
        }
    }
}
