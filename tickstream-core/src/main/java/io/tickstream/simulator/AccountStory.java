package io.tickstream.simulator;

import io.tickstream.simulator.SimulatedAccountEvent.BalanceUpdate;
import io.tickstream.simulator.SimulatedAccountEvent.Fill;
import io.tickstream.simulator.SimulatedAccountEvent.Notice;
import io.tickstream.simulator.SimulatedAccountEvent.OrderUpdate;
import io.tickstream.simulator.SimulatedAccountEvent.OrderUpdate.Status;
import io.tickstream.simulator.SimulatedAccountEvent.PositionUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides what happens next on the demo account, on private markets that walk like the market
 * simulator's: orders are placed, limit orders fill when the market reaches them or get cancelled,
 * fills move positions and the balance and notices arrive (price alerts are real ones, evaluated by
 * the gateway, not told here). Not thread-safe: confined
 * to the account simulator's thread.
 */
final class AccountStory {

    private static final int MARKET_ORDER = 30;
    private static final int LIMIT_ORDER = 60;
    private static final int CANCEL = 72;
    private static final int ROLLS = 100;
    private static final int MAX_WORKING = 3;
    private static final double REDUCING_PROBABILITY = 2.0 / 3;
    private static final List<Notice> NEWS = List.of(
            new Notice(false, "Your daily account statement is ready"),
            new Notice(false, "Scheduled maintenance on Saturday from 02:00 to 04:00 UTC"),
            new Notice(true, "High volatility expected around today's economic releases"),
            new Notice(true, "Spreads may widen around the daily market close"));

    private final List<SimulatedInstrument> markets;
    private final DemoAccount account = new DemoAccount();
    private boolean opened;
    private long orders;
    private long trades;

    AccountStory(List<SimulatedInstrument> markets) {
        this.markets = List.copyOf(markets);
    }

    /**
     * The events of the next thing that happens, in the order clients should see them: first the
     * opening balance and a welcome; then, whenever the equity has fallen below half the opening
     * balance, a deposit that restores it; else one market moves and acts.
     *
     * @param now the time of the market move, epoch milliseconds
     */
    List<SimulatedAccountEvent> next(RandomGenerator random, long now) {
        if (!opened) {
            opened = true;
            return List.of(balance(), new Notice(false, "Demo account opened with "
                    + dollars(DemoAccount.OPENING_CENTS) + " USD"));
        }
        if (account.equityCents() < DemoAccount.OPENING_CENTS / 2) {
            long deposit = DemoAccount.OPENING_CENTS - account.equityCents();
            account.deposit(deposit);
            return List.of(new Notice(false, "Deposit of " + dollars(deposit) + " USD credited"), balance());
        }
        SimulatedInstrument market = markets.get(random.nextInt(markets.size()));
        market.advance(random, now);
        Optional<Order> crossed = account.working().stream()
                .filter(order -> order.market() == market && order.crossedBy(best(market)))
                .findFirst();
        if (crossed.isPresent()) {
            return fill(crossed.get());
        }
        int roll = random.nextInt(ROLLS);
        List<Order> working = account.working();
        if (roll < MARKET_ORDER || (roll < LIMIT_ORDER && working.size() < MAX_WORKING)) {
            return place(market, roll >= MARKET_ORDER, random);
        }
        if (roll < LIMIT_ORDER) {
            return cancel(working.get(0));
        }
        if (roll < CANCEL && !working.isEmpty()) {
            return cancel(working.get(random.nextInt(working.size())));
        }
        return List.of(NEWS.get(random.nextInt(NEWS.size())));
    }

    /**
     * A new order, leaning towards reducing an open position: a limit order rests up to the market's
     * volatility behind its best level, a market order fills at once at the opposite best level.
     */
    private List<SimulatedAccountEvent> place(SimulatedInstrument market, boolean limit, RandomGenerator random) {
        boolean buy = buys(account.position(market).quantity(), random);
        long quantity = market.lots(random);
        Level best = best(market);
        long price = buy ? best.sellPrice() : best.buyPrice();
        if (limit) {
            long offset = market.profile().tick() * random.nextInt(1, market.profile().volatility() + 1);
            price = buy ? best.buyPrice() - offset : best.sellPrice() + offset;
        }
        Order order = new Order("O-" + (orders + 1), market, buy, limit, price, quantity);
        if (!account.affords(order)) {
            return List.of(new Notice(true, "Order rejected, insufficient margin: " + order.side() + " "
                    + quantity + " " + market.instrument().name()));
        }
        orders++;
        List<SimulatedAccountEvent> events = new ArrayList<>();
        events.add(new OrderUpdate(order, Status.NEW));
        if (limit) {
            account.work(order);
        } else {
            events.addAll(fill(order));
        }
        return events;
    }

    /** A random side, but the side that reduces an open position with {@value #REDUCING_PROBABILITY}. */
    private static boolean buys(long position, RandomGenerator random) {
        if (position != 0 && random.nextDouble() < REDUCING_PROBABILITY) {
            return position < 0;
        }
        return random.nextBoolean();
    }

    private List<SimulatedAccountEvent> cancel(Order order) {
        account.cancel(order);
        return List.of(new OrderUpdate(order, Status.CANCELLED));
    }

    private List<SimulatedAccountEvent> fill(Order order) {
        long fee = account.fill(order);
        SimulatedInstrument market = order.market();
        PositionUpdate position = new PositionUpdate(market.instrument().name(), market.profile(),
                account.position(market), account.unrealizedCents(market));
        return List.of(new Fill("T-" + ++trades, order, fee), new OrderUpdate(order, Status.FILLED), position,
                balance());
    }

    private BalanceUpdate balance() {
        return new BalanceUpdate(account.balanceCents(), account.availableCents(), account.equityCents());
    }

    private static String dollars(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static Level best(SimulatedInstrument market) {
        return market.book().get(0);
    }
}
