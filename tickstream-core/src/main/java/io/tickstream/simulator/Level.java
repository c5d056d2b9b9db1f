package io.tickstream.simulator;

/** One simulated BestLimit level; prices in the units of the instrument's {@link PriceProfile}. */
record Level(long buyQuantity, long buyPrice, long sellQuantity, long sellPrice) {
}
