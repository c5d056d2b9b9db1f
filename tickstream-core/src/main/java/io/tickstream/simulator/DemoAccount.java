package io.tickstream.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The books of the demo account: cash, positions and working limit orders. Money is kept in US
 * cents, and every instrument settles at face value in US dollars, so amounts are realistic for
 * instruments quoted in dollars. Not thread-safe: confined to the account simulator's thread.
 */
final class DemoAccount {

    /** The opening cash balance: 100,000.00 US dollars. */
    static final long OPENING_CENTS = 10_000_000;

    private static final BigDecimal FEE_RATE = new BigDecimal("0.00002");
    private static final BigDecimal MARGIN_RATE = new BigDecimal("0.01");

    private final Map<SimulatedInstrument, Position> positions = new LinkedHashMap<>();
    private final List<Order> working = new ArrayList<>();
    private long balanceCents = OPENING_CENTS;

    /** The cash balance: the opening balance and deposits, less fees, plus realized profit and loss. */
    long balanceCents() {
        return balanceCents;
    }

    /** The balance plus the unrealized profit and loss of every position. */
    long equityCents() {
        long equity = balanceCents;
        for (SimulatedInstrument market : positions.keySet()) {
            equity = Math.addExact(equity, unrealizedCents(market));
        }
        return equity;
    }

    /** The equity less the margin of the positions, at their marks, and of the working orders. */
    long availableCents() {
        long margin = 0;
        for (Map.Entry<SimulatedInstrument, Position> entry : positions.entrySet()) {
            Position position = entry.getValue();
            margin = Math.addExact(margin, marginCents(entry.getKey(), mark(entry.getKey(), position),
                    Math.abs(position.quantity())));
        }
        for (Order order : working) {
            margin = Math.addExact(margin, marginCents(order.market(), order.price(), order.quantity()));
        }
        return equityCents() - margin;
    }

    Position position(SimulatedInstrument market) {
        return positions.getOrDefault(market, Position.FLAT);
    }

    /** The profit or loss of closing the position at the market's best level, in cents. */
    long unrealizedCents(SimulatedInstrument market) {
        Position position = position(market);
        if (position.quantity() == 0) {
            return 0;
        }
        return cents(value(market, position.unrealized(mark(market, position)), 1));
    }

    void deposit(long cents) {
        balanceCents = Math.addExact(balanceCents, cents);
    }

    /** Whether the order only reduces its position, or the available funds cover its margin. */
    boolean affords(Order order) {
        long position = position(order.market()).quantity();
        boolean reducing = Long.signum(position) == -Long.signum(order.signedQuantity())
                && order.quantity() <= Math.abs(position);
        return reducing || marginCents(order.market(), order.price(), order.quantity()) <= availableCents();
    }

    /** The working limit orders, oldest first. */
    List<Order> working() {
        return List.copyOf(working);
    }

    void work(Order order) {
        working.add(order);
    }

    void cancel(Order order) {
        working.remove(order);
    }

    /**
     * Fills the whole order at its price: moves the position, charges the fee and books the realized
     * profit or loss.
     *
     * @return the fee charged, in cents
     */
    long fill(Order order) {
        working.remove(order);
        SimulatedInstrument market = order.market();
        Position before = position(market);
        long fee = cents(value(market, order.price(), order.quantity()).multiply(FEE_RATE));
        long realized = cents(value(market, before.realized(order.signedQuantity(), order.price()), 1));
        balanceCents = Math.addExact(balanceCents, realized - fee);
        positions.put(market, before.after(order.signedQuantity(), order.price()));
        return fee;
    }

    private static long marginCents(SimulatedInstrument market, long price, long quantity) {
        return cents(value(market, price, quantity).multiply(MARGIN_RATE));
    }

    /** The price the position would close at: the best bid when long, the best ask when short. */
    private static long mark(SimulatedInstrument market, Position position) {
        Level best = market.book().get(0);
        return position.quantity() > 0 ? best.buyPrice() : best.sellPrice();
    }

    private static BigDecimal value(SimulatedInstrument market, long units, long quantity) {
        return BigDecimal.valueOf(units, market.profile().decimals()).multiply(BigDecimal.valueOf(quantity));
    }

    private static long cents(BigDecimal dollars) {
        return dollars.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }
}
