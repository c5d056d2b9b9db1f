package io.tickstream.transport;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/** HTTP and WebSocket transport figures: bad requests, violations, lost heartbeats, failed allocations. */
public final class TransportMeters implements MeterBinder {

    private final LongAdder badHttpRequests = new LongAdder();
    private final LongAdder heartbeatTimeouts = new LongAdder();
    private final LongAdder protocolViolations = new LongAdder();
    private final LongAdder allocationFailures = new LongAdder();

    public void badHttpRequest() {
        badHttpRequests.increment();
    }

    void heartbeatTimeout() {
        heartbeatTimeouts.increment();
    }

    public void protocolViolation() {
        protocolViolations.increment();
    }

    void allocationFailure() {
        allocationFailures.increment();
    }

    public long badHttpRequests() {
        return badHttpRequests.sum();
    }

    public long heartbeatTimeouts() {
        return heartbeatTimeouts.sum();
    }

    public long protocolViolations() {
        return protocolViolations.sum();
    }

    public long allocationFailures() {
        return allocationFailures.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.bad.http.requests", "Malformed or unroutable HTTP requests", badHttpRequests);
        counter(registry, "tickstream.heartbeat.timeouts", "Clients dropped for not answering pings", heartbeatTimeouts);
        counter(registry, "tickstream.protocol.violations",
                "WebSocket connections closed for a protocol violation: 1002, 1007 (invalid UTF-8), 1009 (message too big)",
                protocolViolations);
        counter(registry, "tickstream.allocation.failures", "Connections closed because memory for them could not be allocated", allocationFailures);
    }
}
