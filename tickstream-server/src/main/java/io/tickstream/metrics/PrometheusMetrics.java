package io.tickstream.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The gateway's figures as Micrometer meters in a Prometheus registry of its own (one per gateway,
 * so that several gateways in one JVM do not mix). Counters and gauges are functions over
 * {@link GatewayMetrics}, read only when scraped: the hot path never calls Micrometer. Thread-safe.
 */
public final class PrometheusMetrics implements AutoCloseable {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * @param busConnected       whether the bus can deliver now
     * @param activeInstruments  instruments with a subscriber on this node
     * @param activeAccounts     accounts with a session on this node
     */
    public PrometheusMetrics(GatewayMetrics metrics, DeliveryLatency latency, BooleanSupplier busConnected,
                             IntSupplier activeInstruments, IntSupplier activeAccounts) {
        this.metrics = metrics;
        counter("tickstream.bus.messages", "Messages taken off the bus (market data, trades, account events)", metrics.busMessages);
        counter("tickstream.state.changes", "Market-data updates that changed an instrument's state", metrics.stateChanges);
        counter("tickstream.unchanged.updates", "Market-data updates that changed nothing (not pushed)", metrics.unchangedUpdates);
        counter("tickstream.malformed.updates", "Bus messages dropped as malformed", metrics.malformedUpdates);
        counter("tickstream.stale.updates", "Market-data updates ignored: seq not above the last one of its epoch", metrics.staleUpdates);
        counter("tickstream.encode.failures", "Bus messages that reached no client because a view failed to encode them", metrics.encodeFailures);
        counter("tickstream.failed.bus.messages", "Bus messages whose handling failed unexpectedly", metrics.failedBusMessages);
        counter("tickstream.unrouted.messages", "Bus messages for a key without subscribers on this node", metrics.unroutedMessages);
        counter("tickstream.trades.in", "Trade prints taken off the bus for watched instruments", metrics.tradesIn);
        counter("tickstream.account.events.in", "Account events taken off the bus for accounts with a session", metrics.accountEventsIn);
        counter("tickstream.frames.out", "WebSocket frames written to clients", metrics.framesOut);
        counter("tickstream.bytes.out", "Bytes of WebSocket frames written to clients", metrics.bytesOut);
        counter("tickstream.conflated.frames", "Pending frames replaced by a newer one for a slow client", metrics.conflatedFrames);
        counter("tickstream.slow.consumer.disconnects", "Clients disconnected as slow consumers (close 1013)", metrics.slowConsumerDisconnects);
        counter("tickstream.client.messages", "Messages received from clients", metrics.clientMessages);
        counter("tickstream.client.errors", "Client messages answered with an error", metrics.clientErrors);
        counter("tickstream.rate.limited", "Client messages refused by the rate limit", metrics.rateLimited);
        counter("tickstream.auth.failures", "Failed authentications (all protocols and HTTP APIs)", metrics.authFailures);
        counter("tickstream.connection.limit.rejects", "Connections refused by their key's connection limit", metrics.connectionLimitRejects);
        counter("tickstream.rejected.handshakes", "WebSocket handshakes refused", metrics.rejectedHandshakes);
        counter("tickstream.bad.http.requests", "Malformed or unroutable HTTP requests", metrics.badHttpRequests);
        counter("tickstream.heartbeat.timeouts", "Clients dropped for not answering pings", metrics.heartbeatTimeouts);
        counter("tickstream.protocol.violations", "WebSocket connections closed for a protocol violation: 1002, 1007 (invalid UTF-8), 1009 (message too big)", metrics.protocolViolations);
        counter("tickstream.allocation.failures", "Connections closed because memory for them could not be allocated", metrics.allocationFailures);
        gauge("tickstream.subscriptions", "Client subscriptions to instruments", metrics.subscriptions::get);
        gauge("tickstream.active.instruments", "Instruments with a subscriber on this node", activeInstruments);
        gauge("tickstream.active.accounts", "Accounts with a session on this node", activeAccounts);
        gauge("tickstream.bus.connected", "1 while the bus is connected, else 0", () -> busConnected.getAsBoolean() ? 1 : 0);
        registry.getPrometheusRegistry().register(new LatencyHistogram(latency));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        refreshProtocols();
    }

    /** The registry, for binding more meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The exposition in the text format 0.0.4, or OpenMetrics when asked for by {@code Accept}. */
    public String scrape(String contentType) {
        refreshProtocols();
        return registry.scrape(contentType);
    }

    /** Registers the connection gauge of protocols seen since the last scrape (idempotent for the others). */
    private void refreshProtocols() {
        for (Map.Entry<String, AtomicInteger> protocol : metrics.connectionsByProtocol().entrySet()) {
            Gauge.builder("tickstream.connections", protocol.getValue(), AtomicInteger::get)
                    .description("Open WebSocket connections by protocol")
                    .tag("protocol", protocol.getKey())
                    .strongReference(true)
                    .register(registry);
        }
    }

    private void counter(String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(help).register(registry);
    }

    private void gauge(String name, String help, IntSupplier value) {
        Gauge.builder(name, value, IntSupplier::getAsInt).description(help).strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
