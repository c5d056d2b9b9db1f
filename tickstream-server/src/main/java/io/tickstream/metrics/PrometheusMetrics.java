package io.tickstream.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The gateway's figures as Micrometer meters in a Prometheus registry of its own (one per gateway,
 * so that several gateways in one JVM do not mix). Each component binds its own meters, as
 * functions read only when scraped: the hot path never calls Micrometer. Thread-safe.
 */
public final class PrometheusMetrics implements AutoCloseable {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** @param busConnected whether the bus can deliver now */
    public PrometheusMetrics(DeliveryLatency latency, BooleanSupplier busConnected) {
        Gauge.builder("tickstream.bus.connected", busConnected, connected -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the bus is connected, else 0").strongReference(true).register(registry);
        registry.getPrometheusRegistry().register(new LatencyHistogram(latency));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Binds a component's meters. */
    public void bind(MeterBinder component) {
        component.bindTo(registry);
    }

    /** The exposition in the text format 0.0.4, or OpenMetrics when asked for by {@code Accept}. */
    public String scrape(String contentType) {
        return registry.scrape(contentType);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
