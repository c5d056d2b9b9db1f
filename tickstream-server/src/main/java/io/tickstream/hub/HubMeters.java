package io.tickstream.hub;

import static io.tickstream.metrics.Meters.counter;
import static io.tickstream.metrics.Meters.gauge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickstream.metrics.ThrottledLog;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.HdrHistogram.Recorder;
import org.slf4j.LoggerFactory;

/**
 * The hub's figures: what came off the bus and what became of it, the subscriptions, and the
 * delivery latency. Bumped from the bus's thread and the event loops; read by the operators' views.
 */
public final class HubMeters implements MeterBinder {

    private final LongAdder busMessages = new LongAdder();
    private final LongAdder malformedUpdates = new LongAdder();
    private final LongAdder unroutedMessages = new LongAdder();
    private final LongAdder stateChanges = new LongAdder();
    private final LongAdder ratedEncodes = new LongAdder();
    private final LongAdder unchangedUpdates = new LongAdder();
    private final LongAdder staleUpdates = new LongAdder();
    private final LongAdder seqJumps = new LongAdder();
    private final LongAdder encodeFailures = new LongAdder();
    private final LongAdder failedBusMessages = new LongAdder();
    private final LongAdder failedBusSubscribes = new LongAdder();
    private final LongAdder failedDeliveries = new LongAdder();
    private final ThrottledLog deliveryLog = new ThrottledLog(LoggerFactory.getLogger(LoopFanout.class), 1000);
    private final LongAdder tradesIn = new LongAdder();
    private final LongAdder accountEventsIn = new LongAdder();
    private final AtomicInteger subscriptions = new AtomicInteger();
    /**
     * Microseconds from a message's arrival off the bus to its write to the sockets of one event
     * loop, recorded once per loop and message. Interval histograms: its one reader drains it.
     */
    private final Recorder deliveryLatencyMicros = new Recorder(3);
    private final IntSupplier activeInstruments;
    private final IntSupplier activeAccounts;

    HubMeters(IntSupplier activeInstruments, IntSupplier activeAccounts) {
        this.activeInstruments = activeInstruments;
        this.activeAccounts = activeAccounts;
    }

    void busMessage() {
        busMessages.increment();
    }

    void malformed() {
        malformedUpdates.increment();
    }

    void unrouted() {
        unroutedMessages.increment();
    }

    void stateChanged() {
        stateChanges.increment();
    }

    void ratedEncode() {
        ratedEncodes.increment();
    }

    /** States encoded for rated subscribers since start: one per group of a rate and period. */
    public long ratedEncodes() {
        return ratedEncodes.sum();
    }

    void unchanged() {
        unchangedUpdates.increment();
    }

    void stale() {
        staleUpdates.increment();
    }

    void seqJumped() {
        seqJumps.increment();
    }

    void encodeFailed() {
        encodeFailures.increment();
    }

    void busSubscribeFailed() {
        failedBusSubscribes.increment();
    }

    /** A message reached one subscriber of {@code key} no more: counted and logged (throttled), the others still get it. */
    void deliveryFailed(String key, Throwable failure) {
        failedDeliveries.increment();
        deliveryLog.warn("a message of {} did not reach one subscriber: {}", key, failure.toString(), failure);
    }

    /** Messages that failed to reach one subscriber while the others on its loop got them. */
    public long deliveryFailures() {
        return failedDeliveries.sum();
    }

    void busMessageFailed() {
        failedBusMessages.increment();
    }

    void tradeIn() {
        tradesIn.increment();
    }

    void accountEventIn() {
        accountEventsIn.increment();
    }

    void subscribed() {
        subscriptions.incrementAndGet();
    }

    void unsubscribed() {
        subscriptions.decrementAndGet();
    }

    /** The delivery latency recorder, for its one reader (the latency histograms). */
    public Recorder deliveryLatencyMicros() {
        return deliveryLatencyMicros;
    }

    public long busMessages() {
        return busMessages.sum();
    }

    public long malformedUpdates() {
        return malformedUpdates.sum();
    }

    public long unchangedUpdates() {
        return unchangedUpdates.sum();
    }

    public long staleUpdates() {
        return staleUpdates.sum();
    }

    public long seqJumps() {
        return seqJumps.sum();
    }

    public long encodeFailures() {
        return encodeFailures.sum();
    }

    /** Client subscriptions to instruments (state, quote, book and trade streams) across all sessions. */
    public int subscriptions() {
        return subscriptions.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.bus.messages", "Messages taken off the bus (market data, trades, account events)", busMessages);
        counter(registry, "tickstream.state.changes", "Market-data updates that changed an instrument's state", stateChanges);
        counter(registry, "tickstream.rated.encodes", "States encoded for subscribers at a maxRate (one per group and period)", ratedEncodes);
        counter(registry, "tickstream.unchanged.updates", "Market-data updates that changed nothing (not pushed)", unchangedUpdates);
        counter(registry, "tickstream.malformed.updates", "Bus messages dropped as malformed", malformedUpdates);
        counter(registry, "tickstream.stale.updates", "Market-data updates ignored: seq not above the last one of its epoch", staleUpdates);
        counter(registry, "tickstream.seq.jumps", "Market-data updates refused: seq further above the instrument's than bus.maxSeqJump, without a new epoch", seqJumps);
        counter(registry, "tickstream.encode.failures", "Bus messages that reached no client because a view failed to encode them", encodeFailures);
        counter(registry, "tickstream.failed.bus.messages", "Bus messages whose handling failed unexpectedly", failedBusMessages);
        counter(registry, "tickstream.bus.subscribe.failures", "Bus subscribes that failed (made again on reconnect)",
                failedBusSubscribes);
        counter(registry, "tickstream.delivery.failures", "Messages that failed to reach one subscriber (the others got them)",
                failedDeliveries);
        counter(registry, "tickstream.unrouted.messages", "Bus messages for a key without subscribers on this node", unroutedMessages);
        counter(registry, "tickstream.trades.in", "Trade prints taken off the bus for watched instruments", tradesIn);
        counter(registry, "tickstream.account.events.in", "Account events taken off the bus for accounts with a session", accountEventsIn);
        gauge(registry, "tickstream.subscriptions", "Client subscriptions to instruments", subscriptions::get);
        gauge(registry, "tickstream.active.instruments", "Instruments with a subscriber on this node", activeInstruments);
        gauge(registry, "tickstream.active.accounts", "Accounts with a session on this node", activeAccounts);
    }
}
