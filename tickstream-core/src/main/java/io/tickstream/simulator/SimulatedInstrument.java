package io.tickstream.simulator;

import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The simulated market of one instrument: a mid price on a random walk inside the allowed range,
 * a book around it and occasional trades at the best bid or ask. Not thread-safe: confined to the
 * simulator's ticking thread.
 */
final class SimulatedInstrument {

    static final double TRADE_PROBABILITY = 0.3;
    private static final int MAX_HALF_SPREAD = 2;
    private static final int MAX_LEVEL_GAP = 3;
    private static final int MAX_LOTS = 10;

    private final Instrument instrument;
    private final PriceProfile profile;
    private final long lowestMid;
    private final long highestMid;
    private long mid;
    private long steps;
    private boolean fullStateDue = true;
    private List<Level> book = List.of();
    private Session session = Session.EMPTY;
    private long openInterest;

    SimulatedInstrument(Instrument instrument, PriceProfile profile) {
        this.instrument = instrument;
        this.profile = profile;
        long reach = profile.tick() * (MAX_HALF_SPREAD + (long) MAX_LEVEL_GAP * (instrument.depth() - 1));
        this.lowestMid = profile.minAllowedPrice() + reach;
        this.highestMid = profile.maxAllowedPrice() - reach;
        this.mid = profile.startPrice();
        this.openInterest = profile.openInterest();
    }

    /** Moves the market by one update: returns the trade it made, if any. */
    Optional<Trade> advance(RandomGenerator random, long now) {
        steps++;
        if (steps > 1) {
            long move = profile.tick() * random.nextInt(-profile.volatility(), profile.volatility() + 1);
            mid = Math.min(highestMid, Math.max(lowestMid, mid + move));
        }
        book = buildBook(random);
        if (random.nextDouble() >= TRADE_PROBABILITY) {
            return Optional.empty();
        }
        boolean buy = random.nextBoolean();
        long price = buy ? book.get(0).sellPrice() : book.get(0).buyPrice();
        long quantity = lots(random);
        session = session.with(price, quantity);
        if (hasOpenInterest()) {
            openInterest = Math.max(0, openInterest + random.nextLong(-quantity, quantity + 1));
        }
        return Optional.of(new Trade(session.tradeCount(), price, quantity, buy, now));
    }

    private List<Level> buildBook(RandomGenerator random) {
        long tick = profile.tick();
        long bid = mid - tick * random.nextInt(1, MAX_HALF_SPREAD + 1);
        long ask = mid + tick * random.nextInt(1, MAX_HALF_SPREAD + 1);
        List<Level> levels = new ArrayList<>(instrument.depth());
        for (int level = 1; level <= instrument.depth(); level++) {
            levels.add(new Level(lots(random), bid, lots(random), ask));
            bid -= tick * random.nextInt(1, MAX_LEVEL_GAP + 1);
            ask += tick * random.nextInt(1, MAX_LEVEL_GAP + 1);
        }
        return List.copyOf(levels);
    }

    /** A random order or trade quantity: 1 to {@value #MAX_LOTS} lots. */
    long lots(RandomGenerator random) {
        return profile.lot() * random.nextInt(1, MAX_LOTS + 1);
    }

    /** Whether the next update must carry the full state: none has reached the bus since the last failure. */
    boolean fullStateDue() {
        return fullStateDue;
    }

    void fullStateDue(boolean due) {
        fullStateDue = due;
    }

    boolean hasOpenInterest() {
        return profile.openInterest() > 0;
    }

    Instrument instrument() {
        return instrument;
    }

    PriceProfile profile() {
        return profile;
    }

    List<Level> book() {
        return book;
    }

    Session session() {
        return session;
    }

    long openInterest() {
        return openInterest;
    }

    long openInterestChange() {
        return openInterest - profile.openInterest();
    }
}
