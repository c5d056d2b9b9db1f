package io.tickstream.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's own counters and gauges: cheap to bump from any thread (striped adders), read by
 * the HTTP endpoints and the operator view.
 */
public final class GatewayMetrics {

    public final LongAdder busMessages = new LongAdder();
    public final LongAdder malformedUpdates = new LongAdder();
    public final LongAdder unroutedMessages = new LongAdder();
    public final LongAdder stateChanges = new LongAdder();
    public final LongAdder unchangedUpdates = new LongAdder();
    public final LongAdder framesOut = new LongAdder();
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
    public final AtomicInteger openConnections = new AtomicInteger();
    /**
     * Microseconds from a message's arrival off the bus to its write to a socket, recorded once per
     * event loop and message (not per socket). Interval histograms: take one with
     * {@code getIntervalHistogram()}.
     */
    public final Recorder deliveryLatencyMicros = new Recorder(3);
    public final AtomicInteger activeTopics = new AtomicInteger();
}
