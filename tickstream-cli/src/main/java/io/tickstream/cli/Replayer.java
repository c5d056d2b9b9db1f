package io.tickstream.cli;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.MarketMessage;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a recording onto a bus in receive order, paced by a {@link Pacer}, following a
 * {@link ReplayPlan}. Waits for the bus to confirm every {@value #WINDOW} messages, so a Redis replay
 * as fast as possible cannot run away from Redis. One replay at a time, on the calling thread.
 */
final class Replayer {

    static final int WINDOW = 1000;

    private static final Logger log = LoggerFactory.getLogger(Replayer.class);

    /** What a replay published, per table, and what it skipped (covered by a richer table, or refused). */
    record Summary(Map<String, Long> published, long skipped, Duration elapsed) {

        long total() {
            return published.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ReplayTarget target;
    private final ReplayPlan plan;
    private final String account;
    private final Pacer pacer;
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private final Map<String, Long> published = new TreeMap<>();
    private long skipped;

    /** @param account the account that recorded account events are published to */
    Replayer(ReplayTarget target, ReplayPlan plan, String account, Pacer pacer) {
        this.target = target;
        this.plan = plan;
        this.account = account;
        this.pacer = pacer;
    }

    Summary replay(RecordingReader reader) throws Exception {
        long start = System.nanoTime();
        pacer.restart();
        reader.forEach(this::publish);
        confirmPending();
        return new Summary(new TreeMap<>(published), skipped, Duration.ofNanos(System.nanoTime() - start));
    }

    private void publish(RecordingReader.Row row) throws Exception {
        Message message = MessageParser.parse(row.json());
        if (message instanceof MarketMessage market && !plan.publishes(row.table(), market.symbol())) {
            skipped++;
            return;
        }
        pacer.await(row.receivedAt());
        CompletionStage<Void> sent;
        try {
            sent = send(message);
        } catch (MalformedUpdateException e) {
            skipped++;
            log.warn("skipped message {} of the recording: {}", row.seq(), e.getMessage());
            return;
        }
        if (sent == null) {
            skipped++;
            return;
        }
        published.merge(row.table(), 1L, Long::sum);
        pending.add(sent.toCompletableFuture());
        if (pending.size() >= WINDOW) {
            confirmPending();
        }
    }

    /** Publishes one message; null when it cannot be (an account event without an account). */
    private CompletionStage<Void> send(Message message) throws MalformedUpdateException {
        MarketPublisher publisher = target.publisher();
        if (message instanceof AccountMessage event) {
            return account.isBlank() ? null : publisher.publishAccountEvent(account, ReplayPayloads.accountEvent(event));
        }
        MarketMessage market = (MarketMessage) message;
        Instrument instrument = target.instrument(market.symbol());
        if (instrument == null) {
            return null;
        }
        if (market instanceof Trade trade) {
            return publisher.publishTrade(instrument.id(), ReplayPayloads.trade(trade));
        }
        if (market instanceof State state) {
            return publisher.publishMarketData(instrument.id(), ReplayPayloads.state(state.data(), state.time()));
        }
        if (market instanceof Book book) {
            int depth = Math.min(plan.depth(book.symbol()), instrument.depth());
            return publisher.publishMarketData(instrument.id(), ReplayPayloads.book(book, depth));
        }
        return publisher.publishMarketData(instrument.id(), ReplayPayloads.tick((Tick) market));
    }

    private void confirmPending() throws Exception {
        if (!pending.isEmpty()) {
            Acknowledgement.await(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)),
                    pending.size() + " replayed messages");
            pending.clear();
        }
    }
}
