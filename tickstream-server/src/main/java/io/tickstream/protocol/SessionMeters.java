package io.tickstream.protocol;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The protocol sessions' figures: open connections per protocol, what clients sent, and what was
 * refused. Bumped from the event loops (and the HTTP APIs, for authentication failures).
 */
public final class SessionMeters implements MeterBinder {

    private final LongAdder clientMessages = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder connectionLimitRejects = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder rejectedHandshakes = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> openByProtocol;

    /** @param protocols the names of the protocols served, counted from 0 */
    public SessionMeters(List<String> protocols) {
        Map<String, AtomicInteger> byProtocol = new LinkedHashMap<>();
        protocols.forEach(protocol -> byProtocol.put(protocol, new AtomicInteger()));
        this.openByProtocol = Collections.unmodifiableMap(byProtocol);
    }

    void clientMessage() {
        clientMessages.increment();
    }

    public void clientError() {
        clientErrors.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    public void connectionLimitReject() {
        connectionLimitRejects.increment();
    }

    public void authFailure() {
        authFailures.increment();
    }

    public void rejectedHandshake() {
        rejectedHandshakes.increment();
    }

    void opened(String protocol) {
        open.incrementAndGet();
        counterOf(protocol).incrementAndGet();
    }

    void closed(String protocol) {
        open.decrementAndGet();
        counterOf(protocol).decrementAndGet();
    }

    public long clientMessages() {
        return clientMessages.sum();
    }

    public long clientErrors() {
        return clientErrors.sum();
    }

    public long rateLimitedMessages() {
        return rateLimited.sum();
    }

    public long connectionLimitRejects() {
        return connectionLimitRejects.sum();
    }

    public long authFailures() {
        return authFailures.sum();
    }

    /** Open WebSocket sessions, all protocols. */
    public int open() {
        return open.get();
    }

    /** Open WebSocket sessions per protocol, in the order the protocols were given. */
    public Map<String, Integer> openByProtocol() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        openByProtocol.forEach((protocol, count) -> counts.put(protocol, count.get()));
        return counts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.client.messages", "Frames received from clients (messages and control frames)", clientMessages);
        counter(registry, "tickstream.client.errors", "Client messages answered with an error", clientErrors);
        counter(registry, "tickstream.rate.limited", "Client frames refused by the rate limit", rateLimited);
        counter(registry, "tickstream.auth.failures", "Failed authentications (all protocols and HTTP APIs)", authFailures);
        counter(registry, "tickstream.connection.limit.rejects", "Connections refused by their key's connection limit", connectionLimitRejects);
        counter(registry, "tickstream.rejected.handshakes", "WebSocket handshakes refused", rejectedHandshakes);
        openByProtocol.forEach((protocol, count) -> Gauge.builder("tickstream.connections", count, AtomicInteger::get)
                .description("Open WebSocket connections by protocol").tag("protocol", protocol).register(registry));
    }

    private AtomicInteger counterOf(String protocol) {
        AtomicInteger count = openByProtocol.get(protocol);
        if (count == null) {
            throw new IllegalArgumentException("not a protocol this gateway serves: " + protocol);
        }
        return count;
    }
}
