package io.tickstream.simulator;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails its first market-data publishes, alternately with a checked and an unchecked exception,
 * then hands everything to a recording publisher. Thread-safe.
 */
final class FlakyPublisher implements MarketPublisher {

    private final long failures;
    private final RecordingPublisher delegate;
    private final AtomicLong attempts = new AtomicLong();
    private final CountDownLatch awaited;

    FlakyPublisher(long failures, RecordingPublisher delegate, int awaitedAttempts) {
        this.failures = failures;
        this.delegate = delegate;
        this.awaited = new CountDownLatch(awaitedAttempts);
    }

    @Override
    public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson) throws MalformedUpdateException {
        long attempt = attempts.incrementAndGet();
        awaited.countDown();
        if (attempt <= failures && attempt % 2 == 0) {
            throw new MalformedUpdateException("rejected attempt " + attempt);
        }
        if (attempt <= failures) {
            throw new IllegalStateException("bus down at attempt " + attempt);
        }
        return delegate.publishMarketData(instrumentId, updateJson);
    }

    @Override
    public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        return delegate.publishTrade(instrumentId, tradeJson);
    }

    @Override
    public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        return delegate.publishAccountEvent(account, eventJson);
    }

    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        return delegate.putInstrument(instrument);
    }

    boolean awaitAttempts(Duration timeout) throws InterruptedException {
        return awaited.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
