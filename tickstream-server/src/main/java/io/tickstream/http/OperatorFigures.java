package io.tickstream.http;

import io.tickstream.bus.Bus;
import io.tickstream.hub.Hub;
import io.tickstream.metrics.DeliveryLatency;
import io.tickstream.metrics.RateMeter;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.transport.ConnectionAdmission;
import io.tickstream.transport.LoopWatchdog;
import io.tickstream.transport.TransportMeters;

/**
 * Where the operators' figures come from: each component that keeps some. Immutable.
 *
 * @param busKind {@code redis} or {@code in-process}
 */
public record OperatorFigures(
        Bus bus,
        String busKind,
        Hub hub,
        SessionMeters sessions,
        TransportMeters transport,
        ConnectionAdmission admission,
        LoopWatchdog watchdog,
        DeliveryLatency latency,
        RateMeter rates) {
}
