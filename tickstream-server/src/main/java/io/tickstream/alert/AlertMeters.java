package io.tickstream.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The price alerts' figures: active alerts, field values judged, firings decided here and those
 * published (another node may have published one first), requests refused and the time from the
 * price change to the published event. Bumped on the bus's and the store's threads.
 */
public final class AlertMeters implements MeterBinder {

    private final AlertEngine engine;
    private final LongAdder published = new LongAdder();
    private final LongAdder firedElsewhere = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private volatile Timer latency;

    AlertMeters(AlertEngine engine) {
        this.engine = engine;
    }

    void published(long decidedAtMillis, long nowMillis) {
        published.increment();
        Timer timer = latency;
        if (timer != null) {
            timer.record(Math.max(0, nowMillis - decidedAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    void firedElsewhere() {
        firedElsewhere.increment();
    }

    void refused() {
        refused.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void storeFailed() {
        storeFailures.increment();
    }

    public long publishedFirings() {
        return published.sum();
    }

    /** Firings decided here that the store had already seen made (by another node, or in a cooldown). */
    public long firingsMadeElsewhere() {
        return firedElsewhere.sum();
    }

    /** Create, list and cancel requests refused (bad input, limit, scope). */
    public long refusedRequests() {
        return refused.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tickstream.alerts.active", engine, AlertEngine::active)
                .description("Price alerts evaluated on this node").register(registry);
        FunctionCounter.builder("tickstream.alerts.evaluations", engine.counters(), AlertCounters::evaluations)
                .description("Field values judged against an instrument's alerts").register(registry);
        FunctionCounter.builder("tickstream.alerts.firings.decided", engine.counters(), AlertCounters::firings)
                .description("Alert firings decided on this node").register(registry);
        counter(registry, "tickstream.alerts.firings", "Alert events published by this node", published);
        counter(registry, "tickstream.alerts.firings.elsewhere",
                "Firings decided here that another node (or a cooldown) had already made", firedElsewhere);
        counter(registry, "tickstream.alerts.refused", "Alert requests refused (bad input, limit, scope)", refused);
        counter(registry, "tickstream.alerts.malformed", "Bus messages of watched instruments the alerts could not read",
                malformed);
        counter(registry, "tickstream.alerts.store.failures", "Alert store operations that failed (retried)",
                storeFailures);
        latency = Timer.builder("tickstream.alerts.firing.latency")
                .description("From the price change to the published alert event")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(help).register(registry);
    }
}
