package io.tickstream.bus;

import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts data onto a bus the way every Tickstream publisher must: a market-data update is stored
 * into the instrument's latest state and published in one atomic step, so a gateway that
 * subscribes late still serves the current state. Thread-safe; every method returns at once and
 * its result completes when the bus has taken the message.
 */
public interface MarketPublisher {

    /**
     * Publishes a market-data update (bare state or envelope).
     *
     * @throws MalformedUpdateException when the update is not a valid state update; nothing is sent
     */
    CompletionStage<Void> publishMarketData(String instrumentId, String updateJson) throws MalformedUpdateException;

    CompletionStage<Void> publishTrade(String instrumentId, String tradeJson);

    CompletionStage<Void> publishAccountEvent(String account, String eventJson);

    /**
     * Adds or replaces an instrument in the bus's catalog; the stage fails with
     * {@link io.tickstream.instrument.NameTakenException} when another instrument holds its name
     * (exactly, or as the same symbol after folding: {@link io.tickstream.instrument.InstrumentNames#key}).
     */
    CompletionStage<Void> putInstrument(Instrument instrument);

    /** Puts several instruments as {@link #putInstrument} does; done when all are, failed when any failed. */
    default CompletionStage<Void> putInstruments(List<Instrument> instruments) {
        return CompletableFuture.allOf(instruments.stream()
                .map(instrument -> putInstrument(instrument).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
