package io.tickstream.simulator;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Publishes a simulated market for a list of instruments: random-walk books, trades and day
 * totals, at a fixed total rate, on one daemon thread named {@value #THREAD_NAME}. Thread-safe:
 * ticks are serialized, and a failing publisher is counted in {@link #errors()}, never fatal.
 */
public final class MarketSimulator implements AutoCloseable {

    public static final String THREAD_NAME = "tickstream-simulator";
    public static final double DEFAULT_RATE = 20;

    private static final System.Logger LOG = System.getLogger(MarketSimulator.class.getName());

    private final MarketPublisher publisher;
    private final List<SimulatedInstrument> markets;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final Clock clock;
    private final AtomicLong errors = new AtomicLong();
    private int next;

    /**
     * @param updatesPerSecond market-data updates per second across all instruments
     * @param random           the source of every random choice; ticks use it one at a time
     * @param clock            gives the {@code ts} of updates and the zone of their date and time
     */
    public MarketSimulator(MarketPublisher publisher, List<Instrument> instruments, double updatesPerSecond,
            RandomGenerator random, Clock clock) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one instrument");
        }
        if (!(updatesPerSecond > 0) || Double.isInfinite(updatesPerSecond)) {
            throw new IllegalArgumentException("updates per second must be positive, was " + updatesPerSecond);
        }
        this.publisher = publisher;
        this.markets = instruments.stream()
                .map(instrument -> new SimulatedInstrument(instrument, DemoCatalog.profile(instrument)))
                .toList();
        this.ticker = new Ticker(THREAD_NAME, updatesPerSecond, this::step);
        this.random = random;
        this.clock = clock;
    }

    /** A simulator with an unseeded random source and the system clock in the default time zone. */
    public MarketSimulator(MarketPublisher publisher, List<Instrument> instruments, double updatesPerSecond) {
        this(publisher, instruments, updatesPerSecond, new SplittableRandom(), Clock.systemDefaultZone());
    }

    /** The demo: every {@link DemoCatalog} instrument at {@value #DEFAULT_RATE} updates per second. */
    public static MarketSimulator demo(MarketPublisher publisher) {
        return new MarketSimulator(publisher, DemoCatalog.instruments(), DEFAULT_RATE);
    }

    /**
     * Puts every instrument into the publisher's catalog, then starts ticking at the configured rate.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        publisher.putInstruments(markets.stream().map(SimulatedInstrument::instrument).toList())
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "could not put the instruments into the catalog: {0}", failure.getMessage());
                    }
                });
        ticker.start();
    }

    /**
     * Performs one tick on the caller's thread: moves the next instrument in round-robin order and
     * publishes its update, and its trade print when it traded. The first update of an instrument,
     * and the first after a failed tick, carries its full state.
     */
    public synchronized void step() {
        SimulatedInstrument market = markets.get(next);
        next = (next + 1) % markets.size();
        String id = market.instrument().id();
        try {
            long now = clock.millis();
            Optional<Trade> trade = market.advance(random, now);
            boolean full = market.fullStateDue();
            String update = SimulatorJson.marketData(market, full, trade.isPresent(), now, clock.getZone());
            publisher.publishMarketData(id, update);
            market.fullStateDue(false);
            trade.ifPresent(print -> publisher.publishTrade(id, SimulatorJson.trade(market, print)));
        } catch (MalformedUpdateException | RuntimeException e) {
            market.fullStateDue(true);
            long count = errors.incrementAndGet();
            if (Long.bitCount(count) == 1) {
                LOG.log(Level.WARNING, "simulated update of instrument " + id + " failed (" + count
                        + " failures so far; logging again at " + 2 * count + ")", e);
            }
        }
    }

    /** The number of ticks that failed, mostly because the publisher threw. */
    public long errors() {
        return errors.get();
    }

    /** Stops ticking and waits, briefly, for the thread to end. Idempotent. */
    @Override
    public void close() {
        ticker.close();
    }
}
