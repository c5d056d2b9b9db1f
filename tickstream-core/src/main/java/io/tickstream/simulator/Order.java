package io.tickstream.simulator;

/**
 * One order of the demo account, always filled in full at its own price. Immutable.
 *
 * @param market the market it trades on, read only for its instrument, profile and best level
 * @param limit  whether it is a limit order, else a market order priced at the best opposite level
 * @param price  the limit price, or the fill price of a market order, in the market's profile units
 */
record Order(String id, SimulatedInstrument market, boolean buy, boolean limit, long price, long quantity) {

    String side() {
        return buy ? "buy" : "sell";
    }

    /** The quantity with the sign of its effect on the position: positive for a buy. */
    long signedQuantity() {
        return buy ? quantity : -quantity;
    }

    /** Whether a limit order can fill at its price against the market's best level. */
    boolean crossedBy(Level best) {
        return limit && (buy ? best.sellPrice() <= price : best.buyPrice() >= price);
    }
}
