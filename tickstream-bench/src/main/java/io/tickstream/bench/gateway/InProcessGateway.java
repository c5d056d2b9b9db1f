package io.tickstream.bench.gateway;

import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bench.load.ProbePublisher;
import io.tickstream.bench.stats.ThreadCpu;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.config.GatewayConfig;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.server.Gateway;
import io.tickstream.transport.GatewayServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;

/**
 * A gateway in the benchmark's own JVM on the in-process bus. Its CPU is the CPU of its threads
 * (event loops and the publishing thread, which runs merge, encode and dispatch); its memory is
 * the JVM's heap after a GC, generator included. With TLS its port serves {@code wss://}.
 */
public final class InProcessGateway implements GatewayUnderTest {

    private final InProcessBus bus;
    private final Gateway gateway;
    private final String scheme;

    /** @param tls the gateway's TLS, or null for plain */
    public InProcessGateway(int instruments, int subscriptionsPerConnection, BenchTls tls) throws InterruptedException {
        bus = new InProcessBus(BenchCatalog.of(instruments));
        GatewayConfig.Builder config = GatewayConfig.builder()
                .host("127.0.0.1").port(0).simulatorRate(0)
                .limits(new SessionLimits(Duration.ofSeconds(60), Math.max(500, subscriptionsPerConnection), 1000, 65_536))
                .apiKey(ApiKey.plain(BenchCatalog.API_KEY, new Principal("bench", InstrumentScope.all(), false, 0)))
                .account("bench", new AccountPolicy(InstrumentScope.all(), false, BenchCatalog.MAX_CONNECTIONS));
        if (tls != null) {
            config.tls(tls.certFile(), tls.keyFile()).tlsOpenSsl(tls.openSsl());
        }
        gateway = Gateway.start(config.build(), bus);
        scheme = tls == null ? "ws" : "wss";
    }

    @Override
    public URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + gateway.port());
    }

    @Override
    public MarketPublisher publisher() {
        return bus;
    }

    @Override
    public long cpuNanos() {
        return ThreadCpu.nanos(GatewayServer.IO_THREADS, GatewayServer.ACCEPT_THREADS, ProbePublisher.THREAD);
    }

    /** Allocation of the event loops only: the per-socket write path, without the per-update encoding. */
    @Override
    public long ioAllocatedBytes() {
        return ThreadCpu.allocatedBytes(GatewayServer.IO_THREADS);
    }

    @Override
    public long memoryBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public String memoryKind() {
        return "heap(jvm)";
    }

    @Override
    public void close() {
        gateway.close();
        bus.close();
    }
}
