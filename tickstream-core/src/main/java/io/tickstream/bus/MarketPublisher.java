package io.tickstream.bus;

import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;

/**
 * Puts data onto a bus the way every Tickstream publisher must: a market-data update is stored
 * into the instrument's latest state and published in one atomic step, so a gateway that
 * subscribes late still serves the current state. Thread-safe.
 */
public interface MarketPublisher {

    /**
     * Publishes a market-data update (bare state or envelope).
     *
     * @throws MalformedUpdateException when the update is not a valid state update; nothing is sent
     */
    void publishMarketData(String instrumentId, String updateJson) throws MalformedUpdateException;

    void publishTrade(String instrumentId, String tradeJson);

    void publishAccountEvent(String account, String eventJson);

    /** Adds or replaces an instrument in the bus's catalog. */
    void putInstrument(Instrument instrument);
}
