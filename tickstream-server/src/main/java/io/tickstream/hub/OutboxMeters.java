package io.tickstream.hub;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/** What the sessions' outboxes wrote, conflated, sent in full instead of a delta, and cut off. Bumped from the event loops. */
public final class OutboxMeters implements MeterBinder {

    private final LongAdder framesOut = new LongAdder();
    /** Bytes of the WebSocket frames written to sockets (headers included). */
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder conflatedFrames = new LongAdder();
    private final LongAdder slowConsumerDisconnects = new LongAdder();
    private final LongAdder deltaFallbacks = new LongAdder();

    void written(int bytes) {
        bytesOut.add(bytes);
        framesOut.increment();
    }

    void conflated() {
        conflatedFrames.increment();
    }

    void slowConsumer() {
        slowConsumerDisconnects.increment();
    }

    void deltaFallback() {
        deltaFallbacks.increment();
    }

    public long framesOut() {
        return framesOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long conflatedFrames() {
        return conflatedFrames.sum();
    }

    public long slowConsumerDisconnects() {
        return slowConsumerDisconnects.sum();
    }

    /** Full states sent to slow readers in place of a delta that would have replaced a pending one. */
    public long deltaFallbacks() {
        return deltaFallbacks.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.frames.out", "WebSocket frames written to clients", framesOut);
        counter(registry, "tickstream.bytes.out", "Bytes of WebSocket frames written to clients", bytesOut);
        counter(registry, "tickstream.conflated.frames", "Pending frames replaced by a newer one for a slow client", conflatedFrames);
        counter(registry, "tickstream.slow.consumer.disconnects", "Clients disconnected as slow consumers (close 1013)", slowConsumerDisconnects);
        counter(registry, "tickstream.state.delta.fallbacks", "Full states sent to slow readers in place of a state delta", deltaFallbacks);
    }
}
