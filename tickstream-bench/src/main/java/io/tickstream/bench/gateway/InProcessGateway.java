package io.tickstream.bench.gateway;

import io.tickstream.alert.AlertSettings;
import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bench.load.ProbePublisher;
import io.tickstream.bench.stats.ThreadCpu;
import io.tickstream.bus.Bus;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.redis.RedisBus;
import io.tickstream.server.Gateway;
import io.tickstream.transport.GatewayServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A gateway in the benchmark's own JVM, on the in-process bus or on Redis. On the in-process bus
 * its CPU is the CPU of its threads (event loops and the publishing thread, which runs merge,
 * encode and dispatch); on Redis, where Lettuce's threads dispatch, that figure misses them (only
 * the fault scenario runs it so, and reports no CPU). On Redis it is fed through a {@link RedisFeed}. Its memory is the JVM's heap after a GC, generator
 * included. With TLS its port serves {@code wss://}. Used from the driving thread.
 */
public final class InProcessGateway implements GatewayUnderTest {

    private final Bus bus;
    /** The publishers' own connection to Redis; null on the in-process bus. */
    private final RedisFeed feed;
    private final Gateway gateway;
    private final String scheme;

    /**
     * @param redisUri the Redis the gateway runs on (its catalog put there first), or null for the in-process bus
     * @param tls      the gateway's TLS, or null for plain
     */
    public InProcessGateway(int instruments, int subscriptionsPerConnection, String redisUri, BenchTls tls)
            throws InterruptedException {
        List<Instrument> catalog = BenchCatalog.of(instruments);
        if (redisUri == null) {
            feed = null;
            bus = new InProcessBus(catalog);
        } else {
            feed = RedisFeed.connect(redisUri);
            try {
                feed.putCatalog(catalog);
                bus = RedisBus.connect(redisUri, ChannelNames.defaults());
            } catch (InterruptedException | RuntimeException e) {
                feed.close();
                throw e;
            }
        }
        GatewayConfig.Builder config = GatewayConfig.builder()
                .host("127.0.0.1").port(0).simulatorRate(0)
                .limits(new SessionLimits(Duration.ofSeconds(60), Math.max(500, subscriptionsPerConnection), 1000, 65_536))
                .apiKey(ApiKey.plain(BenchCatalog.API_KEY, new Principal("bench", InstrumentScope.all(), false, 0)))
                .account("bench", new AccountPolicy(InstrumentScope.all(), false, BenchCatalog.MAX_CONNECTIONS))
                .apiKey(ApiKey.plain(BenchCatalog.PRIVATE_API_KEY,
                        new Principal(BenchCatalog.PRIVATE_ACCOUNT, InstrumentScope.all(), true, 0)))
                .account(BenchCatalog.PRIVATE_ACCOUNT,
                        new AccountPolicy(InstrumentScope.all(), true, BenchCatalog.MAX_CONNECTIONS));
        if (redisUri != null) {
            config.redisUri(redisUri);
        }
        if (tls != null) {
            config.tls(tls.certFile(), tls.keyFile()).tlsOpenSsl(tls.openSsl());
        }
        // The alerts scenario sets far more alerts than an account may have by default.
        config.alerts(new AlertSettings(null, Integer.MAX_VALUE, Map.of()));
        gateway = Gateway.start(config.build(), bus);
        scheme = tls == null ? "ws" : "wss";
    }

    /** The gateway itself, for what a scenario sets up inside it (the alerts scenario's alerts). */
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public URI uri() {
        return URI.create(scheme + "://127.0.0.1:" + gateway.port());
    }

    @Override
    public MarketPublisher publisher() {
        return feed == null ? bus.publisher() : feed.publisher();
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
        if (feed != null) {
            feed.close();
        }
    }
}
