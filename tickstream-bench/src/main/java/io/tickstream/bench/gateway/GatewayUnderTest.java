package io.tickstream.bench.gateway;

import io.tickstream.bus.MarketPublisher;
import java.net.URI;

/** The gateway a benchmark drives: in this JVM, or a process of its own. Used from the driving thread. */
public interface GatewayUnderTest extends AutoCloseable {

    /** {@code ws://host:port}, or {@code wss://host:port} when it serves TLS. */
    URI uri();

    /** Where updates are published, or null when this gateway cannot be fed (idle only). */
    MarketPublisher publisher();

    /** CPU time the gateway has used so far, in nanoseconds. */
    long cpuNanos();

    /** Bytes the gateway's socket-writing threads have allocated so far, or -1 when not measurable. */
    default long ioAllocatedBytes() {
        return -1;
    }

    /**
     * Memory the gateway holds now, in bytes: the RSS of its process once it has settled, as an
     * operator's {@code ps} shows it, or the heap after a GC in this JVM.
     */
    long memoryBytes();

    /** The same right after a full GC in the gateway: what its live objects and native memory need. */
    default long memoryBytesAfterGc() {
        return memoryBytes();
    }

    /** What {@link #memoryBytes} measures, for the summary. */
    String memoryKind();

    @Override
    void close();
}
