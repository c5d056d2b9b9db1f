package io.tickstream.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.Channel;
import io.tickstream.metrics.ThrottledLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection caps: sockets in all, checked as each is accepted, and connections that have not
 * authenticated yet, in total and per client address, checked once the address is known (at once,
 * or after a PROXY protocol header). A connection counts as
 * unauthenticated from its admission until its {@link Connection} authenticates or closes; plain
 * HTTP connections never authenticate and are bounded by the HTTP timeouts. Thread-safe.
 */
public final class ConnectionAdmission implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);

    /** Why a connection was refused. */
    public enum Refusal {
        MAX_CONNECTIONS("server at its connection limit"),
        UNAUTHENTICATED("too many unauthenticated connections"),
        UNAUTHENTICATED_PER_ADDRESS("too many unauthenticated connections from this address");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        /** The close reason or response body a refused client gets. */
        public String reason() {
            return reason;
        }
    }

    private final int maxConnections;
    private final int maxUnauthenticated;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger unauthenticated = new AtomicInteger();
    private final Map<InetAddress, Integer> unauthenticatedByAddress = new ConcurrentHashMap<>();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    private final ThrottledLog refusalLog = new ThrottledLog(log, 5_000);

    public ConnectionAdmission(int maxConnections, int maxUnauthenticated, int maxUnauthenticatedPerAddress) {
        this.maxConnections = maxConnections;
        this.maxUnauthenticated = maxUnauthenticated;
        this.maxPerAddress = maxUnauthenticatedPerAddress;
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, new LongAdder());
        }
    }

    /**
     * Counts an accepted socket in against the global cap, or refuses it. A socket counted in is
     * counted out when it closes, whatever happens to it meanwhile (a PROXY header awaited, a
     * refusal by an unauthenticated cap). Call once per connection, as it is accepted.
     *
     * @return null when admitted, else {@link Refusal#MAX_CONNECTIONS}
     */
    public Refusal accept(Channel channel) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return refuse(Refusal.MAX_CONNECTIONS, channel);
        }
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        return null;
    }

    /**
     * Counts an accepted connection in against the unauthenticated caps, once its client's address
     * is known, or refuses it. Counted out when it authenticates or closes. Call once, after
     * {@link #accept}.
     *
     * @return null when admitted, else why it is refused
     */
    public Refusal admitClient(Channel channel) {
        if (unauthenticated.incrementAndGet() > maxUnauthenticated) {
            unauthenticated.decrementAndGet();
            return refuse(Refusal.UNAUTHENTICATED, channel);
        }
        InetAddress address = address(channel);
        if (!takeAddressSlot(address)) {
            unauthenticated.decrementAndGet();
            return refuse(Refusal.UNAUTHENTICATED_PER_ADDRESS, channel);
        }
        Connection.of(channel).holdUnauthenticatedSlot(() -> {
            unauthenticated.decrementAndGet();
            releaseAddressSlot(address);
        });
        return null;
    }

    public int open() {
        return open.get();
    }

    public int unauthenticated() {
        return unauthenticated.get();
    }

    public long refused(Refusal refusal) {
        return refused.get(refusal).sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Refusal refusal : Refusal.values()) {
            FunctionCounter.builder("tickstream.connections.refused", refused.get(refusal), LongAdder::sum)
                    .description("Connections refused by a connection cap (HTTP 503, or close 1013 after an upgrade)")
                    .tag("reason", refusal.name().toLowerCase())
                    .register(registry);
        }
        Gauge.builder("tickstream.connections.unauthenticated", unauthenticated, AtomicInteger::get)
                .description("Connections that have not authenticated (yet), plain HTTP included")
                .register(registry);
        Gauge.builder("tickstream.connections.accepted", open, AtomicInteger::get)
                .description("Sockets open, plain HTTP, refused and PROXY-pending ones included")
                .register(registry);
    }

    private Refusal refuse(Refusal refusal, Channel channel) {
        refused.get(refusal).increment();
        refusalLog.warn("refused a connection from {}: {} (connections {}/{}, unauthenticated {}/{}, per address {})",
                ClientAddress.of(channel), refusal.reason(), open.get(), maxConnections, unauthenticated.get(),
                maxUnauthenticated, maxPerAddress);
        return refusal;
    }

    private boolean takeAddressSlot(InetAddress address) {
        boolean[] taken = new boolean[1];
        unauthenticatedByAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    private void releaseAddressSlot(InetAddress address) {
        unauthenticatedByAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static InetAddress address(Channel channel) {
        return ClientAddress.of(channel) instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}
