package io.tickstream.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * How a component shows its own counters and gauges to Micrometer when it is bound: as functions
 * read at scrape time, so that the hot path only ever touches adders and atomics. Stateless.
 */
public final class Meters {

    private Meters() {
    }

    public static void counter(MeterRegistry registry, String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(help).register(registry);
    }

    public static void gauge(MeterRegistry registry, String name, String help, IntSupplier value) {
        Gauge.builder(name, value, IntSupplier::getAsInt).description(help).strongReference(true).register(registry);
    }
}
