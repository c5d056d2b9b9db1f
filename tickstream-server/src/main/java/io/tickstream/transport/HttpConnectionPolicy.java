package io.tickstream.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickstream.metrics.ThrottledLog;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every HTTP connection lives by before an upgrade (request and idle timeouts, requests
 * in flight), and the counts of connections closed by them. Makes one {@link HttpFlowControl} per
 * connection. Thread-safe.
 */
public final class HttpConnectionPolicy implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(HttpFlowControl.class);

    final long requestTimeoutNanos;
    final long idleTimeoutNanos;
    final int maxInFlight;
    final LongAdder requestTimeouts = new LongAdder();
    final LongAdder idleTimeouts = new LongAdder();
    final LongAdder responseTimeouts = new LongAdder();
    final LongAdder pipelineOverflows = new LongAdder();
    final ThrottledLog closeLog = new ThrottledLog(log, 5_000);

    public HttpConnectionPolicy(ServerLimits limits) {
        this.requestTimeoutNanos = limits.requestTimeout().toNanos();
        this.idleTimeoutNanos = limits.idleTimeout().toNanos();
        this.maxInFlight = limits.maxPipelinedRequests();
    }

    /** The two stages of a new connection's pipeline that apply these rules. */
    HttpFlowControl newConnection() {
        return new HttpFlowControl(this);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "request_timeout", requestTimeouts,
                "HTTP connections closed because a request did not arrive whole in time");
        counter(registry, "idle_timeout", idleTimeouts, "HTTP keep-alive connections closed after being idle");
        counter(registry, "response_timeout", responseTimeouts,
                "HTTP connections closed because their client did not take an answer in time");
        counter(registry, "too_many_in_flight", pipelineOverflows,
                "HTTP connections closed for pipelining more requests than allowed without reading the answers");
    }

    private static void counter(MeterRegistry registry, String reason, LongAdder adder, String help) {
        FunctionCounter.builder("tickstream.http.connections.closed", adder, LongAdder::sum)
                .description(help).tag("reason", reason).register(registry);
    }

}
