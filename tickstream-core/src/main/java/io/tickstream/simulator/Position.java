package io.tickstream.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The demo account's position in one instrument, prices in the units of its {@link PriceProfile}.
 * Immutable: {@link #after} returns the position after one more fill.
 *
 * @param quantity     signed: positive when long, negative when short, 0 when flat
 * @param averagePrice the average entry price of the open quantity, rounded half-even to a unit; 0 when flat
 */
record Position(long quantity, long averagePrice) {

    static final Position FLAT = new Position(0, 0);

    /**
     * The profit or loss, in price units times quantity, that a fill of {@code signedQuantity} at
     * {@code price} realizes: non-zero only when the fill reduces the position.
     */
    long realized(long signedQuantity, long price) {
        if (!reducedBy(signedQuantity)) {
            return 0;
        }
        long closed = Math.min(Math.abs(quantity), Math.abs(signedQuantity));
        return Math.multiplyExact(Math.multiplyExact(price - averagePrice, closed), Long.signum(quantity));
    }

    /** The position after a fill of {@code signedQuantity} at {@code price}; a flip opens at the fill price. */
    Position after(long signedQuantity, long price) {
        long next = Math.addExact(quantity, signedQuantity);
        if (next == 0) {
            return FLAT;
        }
        if (!reducedBy(signedQuantity)) {
            BigDecimal cost = BigDecimal.valueOf(averagePrice).multiply(BigDecimal.valueOf(Math.abs(quantity)))
                    .add(BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(Math.abs(signedQuantity))));
            long average = cost.divide(BigDecimal.valueOf(Math.abs(next)), 0, RoundingMode.HALF_EVEN).longValueExact();
            return new Position(next, average);
        }
        boolean flipped = Long.signum(next) != Long.signum(quantity);
        return new Position(next, flipped ? price : averagePrice);
    }

    /** The profit or loss, in price units times quantity, of closing the whole position at {@code mark}. */
    long unrealized(long mark) {
        return Math.multiplyExact(mark - averagePrice, quantity);
    }

    private boolean reducedBy(long signedQuantity) {
        return quantity != 0 && Long.signum(quantity) != Long.signum(signedQuantity);
    }
}
