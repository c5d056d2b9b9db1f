package io.tickstream.simulator;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Publishes the private events of one demo trading account (orders, fills, positions, balance and
 * notices that tell a coherent story; its price alerts are real ones the gateway evaluates) at a fixed rate, on one daemon thread named
 * {@value #THREAD_NAME}. Thread-safe: steps are serialized, and a failed publish is counted in
 * {@link #errors()}, never fatal; the event it carried is dropped.
 */
public final class AccountSimulator implements AutoCloseable {

    public static final String THREAD_NAME = "tickstream-account-simulator";
    public static final double DEFAULT_RATE = 2;

    /** The demo instruments quoted in US dollars, in which the demo account's money is exact at face value. */
    private static final Set<String> DEMO_SYMBOLS = Set.of("EURUSD", "GBPUSD", "AUDUSD", "XAUUSD", "BTCUSDT");

    private static final System.Logger LOG = System.getLogger(AccountSimulator.class.getName());

    private final MarketPublisher publisher;
    private final String account;
    private final AccountStory story;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final Clock clock;
    private final Queue<SimulatedAccountEvent> pending = new ArrayDeque<>();
    private final AtomicLong errors = new AtomicLong();

    /**
     * @param account         the account whose channel receives every event
     * @param instruments     the instruments the account trades; prices follow their {@link DemoCatalog} profiles
     * @param eventsPerSecond events published per second
     * @param random          the source of every random choice; steps use it one at a time
     * @param clock           gives the {@code ts} of events
     */
    public AccountSimulator(MarketPublisher publisher, String account, List<Instrument> instruments,
            double eventsPerSecond, RandomGenerator random, Clock clock) {
        if (account.isBlank()) {
            throw new IllegalArgumentException("the account must not be blank");
        }
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("the account simulator needs at least one instrument");
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("events per second must be positive, was " + eventsPerSecond);
        }
        this.publisher = publisher;
        this.account = account;
        this.story = new AccountStory(instruments.stream()
                .map(instrument -> new SimulatedInstrument(instrument, DemoCatalog.profile(instrument)))
                .toList());
        this.ticker = new Ticker(THREAD_NAME, eventsPerSecond, this::step);
        this.random = random;
        this.clock = clock;
    }

    /** A simulator with an unseeded random source and the system clock. */
    public AccountSimulator(MarketPublisher publisher, String account, List<Instrument> instruments,
            double eventsPerSecond) {
        this(publisher, account, instruments, eventsPerSecond, new SplittableRandom(), Clock.systemUTC());
    }

    /**
     * The demo: the account trading the dollar-quoted {@link DemoCatalog} instruments at
     * {@value #DEFAULT_RATE} events per second.
     */
    public static AccountSimulator demo(MarketPublisher publisher, String account) {
        List<Instrument> instruments = DemoCatalog.instruments().stream()
                .filter(instrument -> DEMO_SYMBOLS.contains(instrument.name()))
                .toList();
        return new AccountSimulator(publisher, account, instruments, DEFAULT_RATE);
    }

    /**
     * Starts publishing at the configured rate.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        ticker.start();
    }

    /**
     * Publishes the next event on the caller's thread, first letting the story move on when all the
     * events of its last move are out. A publish that fails at once or later counts as one error.
     */
    public synchronized void step() {
        try {
            if (pending.isEmpty()) {
                pending.addAll(story.next(random, clock.millis()));
            }
            SimulatedAccountEvent event = pending.remove();
            publisher.publishAccountEvent(account, AccountJson.event(event, clock.millis()))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            failed(failure);
                        }
                    });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The number of events that could not be made or published. */
    public long errors() {
        return errors.get();
    }

    /** Stops publishing and waits, briefly, for the thread to end. Idempotent. */
    @Override
    public void close() {
        ticker.close();
    }

    private void failed(Throwable failure) {
        long count = errors.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.log(Level.WARNING, "simulated event of account " + account + " failed (" + count
                    + " failures so far; logging again at " + 2 * count + ")", failure);
        }
    }
}
