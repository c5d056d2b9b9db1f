package io.tickstream.transport.deflate;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/** What permessage-deflate did: sessions that spoke it, messages deflated and inflated, bytes saved. */
public final class DeflateMeters implements MeterBinder {

    private final LongAdder sessions = new LongAdder();
    private final LongAdder deflated = new LongAdder();
    private final LongAdder plainBytes = new LongAdder();
    private final LongAdder compressedBytes = new LongAdder();
    private final LongAdder inflated = new LongAdder();
    private final LongAdder discarded = new LongAdder();

    public void negotiated() {
        sessions.increment();
    }

    void compressed(int plain, int compressed) {
        deflated.increment();
        plainBytes.add(plain);
        compressedBytes.add(compressed);
    }

    void inflated() {
        inflated.increment();
    }

    void discardedInflated() {
        discarded.increment();
    }

    public long sessions() {
        return sessions.sum();
    }

    /** Messages deflated: once per message and view for all clients, plus once per socket for a session's own replies. */
    public long deflatedMessages() {
        return deflated.sum();
    }

    public long inflatedMessages() {
        return inflated.sum();
    }

    /** Compressed messages refused before they were handled, inflated only to keep the window in step. */
    public long discardedMessages() {
        return discarded.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.deflate.sessions", "WebSocket sessions that negotiated permessage-deflate", sessions);
        counter(registry, "tickstream.deflate.messages", "Messages deflated (once for all the clients that get the same frame)", deflated);
        counter(registry, "tickstream.deflate.plain.bytes", "Payload bytes of the messages deflated, before", plainBytes);
        counter(registry, "tickstream.deflate.compressed.bytes", "Payload bytes of the messages deflated, after", compressedBytes);
        counter(registry, "tickstream.inflate.messages", "Compressed messages from clients inflated", inflated);
        counter(registry, "tickstream.inflate.discarded.messages",
                "Compressed client messages refused (rate limit) and inflated only to keep the window in step", discarded);
    }
}
