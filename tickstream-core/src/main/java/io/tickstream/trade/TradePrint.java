package io.tickstream.trade;

import io.tickstream.bus.Sequenced;

/**
 * One trade print of an instrument, numbers as their published text. Immutable.
 *
 * @param side    {@code buy} or {@code sell}
 * @param time    source time in epoch milliseconds, or the receive time when none was published
 * @param tradeId the publisher's id, or null
 * @param seq     its number in the instrument's trade stream, or {@link Sequenced#NONE}
 * @param epoch   the epoch of {@code seq}, or null
 */
public record TradePrint(String price, String quantity, String side, long time, String tradeId, long seq, String epoch)
        implements Sequenced {
}
