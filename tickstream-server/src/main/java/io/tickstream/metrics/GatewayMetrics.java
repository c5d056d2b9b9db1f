package io.tickstream.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The gateway's own counters and gauges: cheap to bump from any thread (striped adders), read by
 * the HTTP endpoints and the operator view. Nothing here knows about Micrometer: the hot path only
 * touches adders, atomics and the latency recorder ({@link PrometheusMetrics} reads them at scrape).
 */
public final class GatewayMetrics {

    public final LongAdder busMessages = new LongAdder();
    public final LongAdder malformedUpdates = new LongAdder();
    public final LongAdder unroutedMessages = new LongAdder();
    public final LongAdder stateChanges = new LongAdder();
    public final LongAdder unchangedUpdates = new LongAdder();
    /** Updates ignored because their {@code seq} was not above the last one of their epoch. */
    public final LongAdder staleUpdates = new LongAdder();
    /** Bus messages that reached no client because a view failed to encode them. */
    public final LongAdder encodeFailures = new LongAdder();
    /** Bus messages whose handling failed unexpectedly (caught before the bus's thread). */
    public final LongAdder failedBusMessages = new LongAdder();
    public final LongAdder framesOut = new LongAdder();
    /** Bytes of the WebSocket frames written to sockets (headers included). */
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder conflatedFrames = new LongAdder();
    public final LongAdder slowConsumerDisconnects = new LongAdder();
    public final LongAdder tradesIn = new LongAdder();
    public final LongAdder accountEventsIn = new LongAdder();
    public final LongAdder clientMessages = new LongAdder();
    public final LongAdder clientErrors = new LongAdder();
    public final LongAdder rateLimited = new LongAdder();
    public final LongAdder connectionLimitRejects = new LongAdder();
    public final LongAdder authFailures = new LongAdder();
    public final LongAdder rejectedHandshakes = new LongAdder();
    public final LongAdder badHttpRequests = new LongAdder();
    public final LongAdder heartbeatTimeouts = new LongAdder();
    /** WebSocket connections closed for a protocol violation: 1002, invalid UTF-8 (1007), a message too big (1009). */
    public final LongAdder protocolViolations = new LongAdder();
    /** Connections closed because memory for them could not be allocated. */
    public final LongAdder allocationFailures = new LongAdder();
    public final AtomicInteger openConnections = new AtomicInteger();
    /** Client subscriptions to instruments (state, quote, book and trade streams) across all sessions. */
    public final AtomicInteger subscriptions = new AtomicInteger();
    /**
     * Microseconds from a message's arrival off the bus to its write to a socket, recorded once per
     * event loop and message (not per socket). Interval histograms: its one reader is
     * {@link DeliveryLatency}.
     */
    public final Recorder deliveryLatencyMicros = new Recorder(3);

    private final ConcurrentMap<String, AtomicInteger> connectionsByProtocol = new ConcurrentHashMap<>();

    /** The gauge of open connections of one protocol ({@code ime}, {@code json}, ...), made on first use. */
    public AtomicInteger connections(String protocol) {
        return connectionsByProtocol.computeIfAbsent(protocol, name -> new AtomicInteger());
    }

    /** Open connections per protocol, as a live read-only view. */
    public Map<String, AtomicInteger> connectionsByProtocol() {
        return Collections.unmodifiableMap(connectionsByProtocol);
    }
}
