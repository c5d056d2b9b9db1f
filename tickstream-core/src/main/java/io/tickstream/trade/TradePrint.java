package io.tickstream.trade;

/**
 * One trade print of an instrument, numbers as their published text. Immutable.
 *
 * @param side    {@code buy} or {@code sell}
 * @param time    source time in epoch milliseconds, or the receive time when none was published
 * @param tradeId the publisher's id, or null
 */
public record TradePrint(String price, String quantity, String side, long time, String tradeId) {
}
