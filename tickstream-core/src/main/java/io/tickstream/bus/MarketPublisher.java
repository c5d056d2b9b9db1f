package io.tickstream.bus;

import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
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

    /** Adds or replaces an instrument in the bus's catalog. */
    CompletionStage<Void> putInstrument(Instrument instrument);
}
