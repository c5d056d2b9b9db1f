package io.tickstream.bench.fault;

import io.tickstream.bus.MarketPublisher;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes trades, round robin over the run's instruments, and the private account's balance
 * events, each kind at its own rate, through the project's publisher (which stamps their seqs).
 * Each message carries its publish time ({@code System.nanoTime()}) as its probe: a trade as its
 * {@value #TRADE_PROBE}, an event as {@value #ACCOUNT_PROBE} in its data. Runs on its own thread
 * between {@link #start} and {@link #stop}.
 */
public final class StreamPublisher {

    static final String TRADE_PROBE = "tradeId";
    static final String ACCOUNT_PROBE = "probe";
    private static final String THREAD = "tickstream-bench-fault-publisher";

    private final MarketPublisher publisher;
    private final List<FaultStreams.Stream> trades;
    private final FaultStreams.Stream account;
    private final double tradesPerSecond;
    private final double eventsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private Thread thread;

    public StreamPublisher(MarketPublisher publisher, FaultStreams streams, double tradesPerSecond,
                           double eventsPerSecond) {
        this.publisher = publisher;
        this.trades = streams.trades();
        this.account = streams.account();
        this.tradesPerSecond = tradesPerSecond;
        this.eventsPerSecond = eventsPerSecond;
    }

    public void start() {
        running.set(true);
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops publishing and waits, at most ten seconds, until the bus has answered every publish.
     * Returns the publishes it refused or did not answer.
     */
    public long stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (confirmed.sum() + refused.sum() < sent.sum() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return sent.sum() - confirmed.sum();
    }

    private void run() {
        long start = System.nanoTime();
        long tradesSent = 0;
        long eventsSent = 0;
        while (running.get()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            long tradesDue = (long) (seconds * tradesPerSecond);
            long eventsDue = (long) (seconds * eventsPerSecond);
            while (running.get() && (tradesSent < tradesDue || eventsSent < eventsDue)) {
                if (tradesSent < tradesDue) {
                    FaultStreams.Stream stream = trades.get((int) (tradesSent % trades.size()));
                    track(publisher.publishTrade(stream.key(), "{\"price\":" + (100 + tradesSent % 50)
                            + ".25,\"quantity\":1,\"side\":\"buy\",\"" + TRADE_PROBE + "\":" + System.nanoTime()
                            + ",\"ts\":" + System.currentTimeMillis() + "}"));
                    tradesSent++;
                }
                if (eventsSent < eventsDue) {
                    track(publisher.publishAccountEvent(account.key(), "{\"type\":\"balance\",\"data\":{\"asset\":\"USD\","
                            + "\"free\":\"" + eventsSent + "\",\"" + ACCOUNT_PROBE + "\":" + System.nanoTime()
                            + "},\"ts\":" + System.currentTimeMillis() + "}"));
                    eventsSent++;
                }
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private void track(CompletionStage<Void> publish) {
        sent.increment();
        publish.whenComplete((done, failure) -> (failure == null ? confirmed : refused).increment());
    }
}
