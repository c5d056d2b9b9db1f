package io.tickstream.simulator;

/**
 * One simulated trade print; the price is in the units of the instrument's {@link PriceProfile}.
 *
 * @param number the instrument's trade count after this trade, 1 for its first trade
 * @param buy    whether the buyer was the aggressor, trading at the ask
 */
record Trade(long number, long price, long quantity, boolean buy, long time) {
}
