package io.tickstream.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * {@code tickstream_delivery_latency_seconds}: bus-to-socket latency as a Prometheus histogram,
 * made at scrape time from {@link DeliveryLatency}'s cumulative HdrHistogram. A native collector in
 * Micrometer's Prometheus registry, because Micrometer's own histograms could only be fed by
 * recording every value a second time. Thread-safe.
 */
final class LatencyHistogram implements Collector {

    static final String NAME = "tickstream_delivery_latency_seconds";
    /** Bucket bounds: 50 µs to 1 s, then +Inf. */
    private static final long[] BOUNDS_MICROS = {50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
            100_000, 250_000, 500_000, 1_000_000};

    private final DeliveryLatency latency;

    LatencyHistogram(DeliveryLatency latency) {
        this.latency = latency;
    }

    @Override
    public MetricSnapshot collect() {
        DeliveryLatency.Cumulative cumulative = latency.cumulative(BOUNDS_MICROS);
        double[] bounds = new double[BOUNDS_MICROS.length + 1];
        long[] counts = new long[bounds.length];
        long below = 0;
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            bounds[i] = BOUNDS_MICROS[i] / 1e6;
            counts[i] = cumulative.atOrBelow()[i] - below;
            below = cumulative.atOrBelow()[i];
        }
        bounds[BOUNDS_MICROS.length] = Double.POSITIVE_INFINITY;
        counts[BOUNDS_MICROS.length] = cumulative.count() - below;
        return HistogramSnapshot.builder()
                .name(NAME)
                .help("Time from a message's arrival off the bus to its write to the sockets of one event loop")
                .unit(Unit.SECONDS)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                        .sum(cumulative.sumMicros() / 1e6)
                        .build())
                .build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
