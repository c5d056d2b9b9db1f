package io.tickstream.readiness;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickstream.bus.Bus;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bus serves, as {@code /ready} and new sessions see it: connected, and answering a
 * {@code PING} sent every interval within the deadline. A connected bus that stalls (a Redis busy
 * with a slow command, paused, or on a saturated link) is not ready from the moment its
 * outstanding {@code PING} passes the deadline until it answers one. One {@code PING} is
 * outstanding at most. Thread-safe; the probe runs on the caller's scheduler.
 */
public final class BusReadiness implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BusReadiness.class);
    /** A client refused while the bus is unavailable is told to come back after 1 to 3 s, spread. */
    private static final long RETRY_AFTER_MIN_MS = 1_000;
    private static final long RETRY_AFTER_SPREAD_MS = 2_000;

    /** What {@code /ready} reports about the bus. */
    public enum State { CONNECTED, DISCONNECTED, NOT_ANSWERING }

    private final Bus bus;
    private final ReadinessSettings settings;
    private final LongAdder pingTimeouts = new LongAdder();
    private final LongAdder refusedSessions = new LongAdder();
    /** When the outstanding PING was sent; 0 when none is outstanding. */
    private volatile long pendingSince;
    /** Whether the last PING was answered (a bus is taken to answer until one fails). */
    private volatile boolean answered = true;
    private volatile boolean reportedSilent;
    private ScheduledFuture<?> probe;

    public BusReadiness(Bus bus, ReadinessSettings settings) {
        this.bus = bus;
        this.settings = settings;
    }

    /** Starts sending a {@code PING} every interval. Call once. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        long interval = settings.pingInterval().toNanos();
        probe = scheduler.scheduleWithFixedDelay(this::tick, 0, interval, TimeUnit.NANOSECONDS);
    }

    public State state() {
        if (!bus.isConnected()) {
            return State.DISCONNECTED;
        }
        return answering(System.nanoTime()) ? State.CONNECTED : State.NOT_ANSWERING;
    }

    /** Whether the bus is connected and answers in time. */
    public boolean ready() {
        return state() == State.CONNECTED;
    }

    /** How long a session may wait for the bus before it is refused with {@link #retryAfterMillis()}. */
    public long authWaitMillis() {
        return settings.authWait().toMillis();
    }

    /** When a refused client should try again: spread, so that refused clients do not return at once. */
    public long retryAfterMillis() {
        return RETRY_AFTER_MIN_MS + ThreadLocalRandom.current().nextLong(RETRY_AFTER_SPREAD_MS);
    }

    /** Counts a session refused because the bus was unavailable or did not answer in time. */
    public void refusedSession() {
        refusedSessions.increment();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tickstream.bus.ready", this, readiness -> readiness.ready() ? 1 : 0)
                .description("1 while the bus is connected and answers PING in time, else 0").register(registry);
        counter(registry, "tickstream.bus.ping.timeouts", "Bus PINGs not answered within bus.pingTimeoutMs", pingTimeouts);
        counter(registry, "tickstream.sessions.refused.unavailable",
                "Authentications refused with a retryable error (JSON: code unavailable; IME: close 1013) because"
                        + " the bus was not ready or did not answer within bus.authWaitMs", refusedSessions);
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.cancel(false);
        }
    }

    private boolean answering(long now) {
        long sent = pendingSince;
        return answered && (sent == 0 || now - sent <= settings.pingTimeout().toNanos());
    }

    /** Only the scheduler's thread runs this. */
    private void tick() {
        long now = System.nanoTime();
        long sent = pendingSince;
        if (sent != 0) {
            if (!reportedSilent && now - sent > settings.pingTimeout().toNanos()) {
                reportedSilent = true;
                pingTimeouts.increment();
                log.warn("the bus has not answered a PING for {} ms: not ready", TimeUnit.NANOSECONDS.toMillis(now - sent));
            }
            return;
        }
        if (!bus.isConnected()) {
            return;
        }
        pendingSince = now;
        try {
            bus.ping().whenComplete((pong, failure) -> answer(failure));
        } catch (RuntimeException failure) {
            answer(failure);
        }
    }

    private void answer(Throwable failure) {
        boolean was = answered && !reportedSilent;
        answered = failure == null;
        pendingSince = 0;
        if (failure == null && !was) {
            log.info("the bus answers again: ready");
        } else if (failure != null && was) {
            log.warn("the bus did not answer a PING: {}", failure.toString());
        }
        reportedSilent = false;
    }
}
