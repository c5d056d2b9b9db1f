package io.tickstream.transport;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tickstream.metrics.ThrottledLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps TLS handshakes from crowding out everything else: each connection's handshake takes a slot,
 * in total and for its remote address, from the moment its TLS stage is added until the handshake
 * ends (done, failed, timed out or closed); a connection that finds no slot is closed at once,
 * before a byte of its ClientHello is read. The handshakes' costly work (private-key signatures,
 * certificate checks) runs on a small pool of named threads of its own rather than on the event
 * loops, so a burst of handshakes delays the handshakes, not the clients already served.
 * Thread-safe.
 */
public final class HandshakeGuard implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);
    /** Thread name prefix of the handshake pool. */
    public static final String HANDSHAKE_THREADS = "tickstream-handshake";

    /** Why a handshake was refused. */
    enum Refusal { TOTAL, ADDRESS }

    private final TlsContext tls;
    private final HandshakeLimits limits;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final ThrottledLog refusalLog = new ThrottledLog(log, 10_000);

    public HandshakeGuard(TlsContext tls, HandshakeLimits limits) {
        this.tls = tls;
        this.limits = limits;
        // One task per handshake is queued at most (an engine asks for the next once the last has run),
        // so the queue never fills while the slots hold.
        this.executor = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.maxInProgress() + limits.threads()),
                new DefaultThreadFactory(HANDSHAKE_THREADS, true));
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, new LongAdder());
        }
    }

    /**
     * Adds the TLS stage to a new connection when a handshake slot is free, else closes it.
     *
     * @return whether the connection goes on (false: it is closed)
     */
    boolean addTls(Channel channel, String name) {
        InetAddress address = address(channel);
        Refusal refusal = take(address);
        if (refusal != null) {
            refused.get(refusal).increment();
            refusalLog.warn("refused a TLS handshake from {}: {} handshakes in progress (per address at most {}, in all {})",
                    ClientAddress.of(channel), inProgress.get(), limits.maxInProgressPerAddress(), limits.maxInProgress());
            channel.close();
            return false;
        }
        SslHandler handler = tls.newHandler(channel.alloc(), executor);
        handler.setHandshakeTimeoutMillis(limits.timeout().toMillis());
        channel.pipeline().addLast(name, handler);
        handler.handshakeFuture().addListener(done -> {
            release(address);
            if (done.isSuccess()) {
                completed.increment();
            } else if (done.cause() instanceof SslHandshakeTimeoutException) {
                timeouts.increment();
            }
        });
        return true;
    }

    /** Handshakes in progress now. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Connections closed at once because the handshake caps were reached. */
    public long refused() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Handshakes closed for not finishing within the handshake timeout. */
    public long timeouts() {
        return timeouts.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Refusal refusal : Refusal.values()) {
            FunctionCounter.builder("tickstream.tls.handshakes.refused", refused.get(refusal), LongAdder::sum)
                    .description("Connections closed at once because too many TLS handshakes were in progress,"
                            + " in total or from their address")
                    .tag("reason", refusal.name().toLowerCase())
                    .register(registry);
        }
        counter(registry, "tickstream.tls.handshake.timeouts", "TLS handshakes closed for not finishing in time", timeouts);
        counter(registry, "tickstream.tls.handshakes.completed", "TLS handshakes completed", completed);
        Gauge.builder("tickstream.tls.handshakes.in.progress", inProgress, AtomicInteger::get)
                .description("TLS handshakes in progress").register(registry);
        Gauge.builder("tickstream.tls.handshake.tasks.queued", executor, pool -> pool.getQueue().size())
                .description("TLS handshake tasks waiting for a handshake thread").register(registry);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Refusal take(InetAddress address) {
        if (inProgress.incrementAndGet() > limits.maxInProgress()) {
            inProgress.decrementAndGet();
            return Refusal.TOTAL;
        }
        boolean[] taken = new boolean[1];
        byAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limits.maxInProgressPerAddress()) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            inProgress.decrementAndGet();
            return Refusal.ADDRESS;
        }
        return null;
    }

    private void release(InetAddress address) {
        byAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        inProgress.decrementAndGet();
    }

    private static InetAddress address(Channel channel) {
        return ClientAddress.of(channel) instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}
