package io.tickstream.bench;

import io.tickstream.bench.load.DeliveryStats;
import io.tickstream.bench.load.LoadClient;
import io.tickstream.bench.load.ProbePublisher;
import io.tickstream.bench.load.SubscriptionPlan;
import io.tickstream.bench.load.WebSocketDialer;
import io.tickstream.bench.stats.ThreadCpu;
import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bench.gateway.BenchTls;
import io.tickstream.bench.gateway.GatewayUnderTest;
import io.tickstream.bench.gateway.InProcessGateway;
import io.tickstream.bench.gateway.SpawnedGateway;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/** Runs one benchmark scenario from start to summary. Driven from one thread. */
public final class Bench {

    /** Rough bytes of one market-data message per protocol, to pace the slow readers. */
    private static final int[] MESSAGE_BYTES = {260, 100, 60};

    /**
     * How long idle connections sit before the gateway's memory is read: long enough for what a
     * collector does once the handshakes are over (a periodic cycle that gives heap back), as an
     * operator looking at a node some time after the connections came in would see it.
     */
    static final Duration IDLE_SETTLE = Duration.ofSeconds(20);

    private final BenchOptions options;
    private final DeliveryStats stats = new DeliveryStats();

    public Bench(BenchOptions options) {
        if (options.scenario() == Scenario.ABUSE || options.scenario() == Scenario.FAULT) {
            throw new IllegalArgumentException("the " + options.scenario() + " scenario has a run of its own");
        }
        this.options = options;
    }

    /** The gateway the options ask for: a process of its own, or one in this JVM; on Redis or not; plain or TLS. */
    static GatewayUnderTest startGateway(BenchOptions options) throws IOException, InterruptedException {
        BenchTls tls = options.tls() == null ? null : BenchTls.selfSigned(options.tls());
        return options.spawn()
                ? new SpawnedGateway(options.instruments(), options.subscriptions(), options.redisUri(),
                        options.gatewayJvmOptions(), options.gatewayTransport(), tls)
                : new InProcessGateway(options.instruments(), options.subscriptions(), options.redisUri(), tls);
    }

    public BenchResult run() throws IOException, InterruptedException {
        SubscriptionPlan plan = new SubscriptionPlan(options.connections(), options.subscriptions(), options.instruments());
        try (GatewayUnderTest gateway = startGateway(options);
             LoadClient clients = new LoadClient(gateway.uri(), options.protocol(), options.jsonChannel(), options.deflate(),
                     BenchCatalog.API_KEY, plan,
                     options.sourceAddresses(), options.clientThreads(), options.clientTransport(), stats)) {
            long memoryBefore = gateway.memoryBytes();
            IntPredicate slow = slowConnections();
            long slowBytesPerSecond = streamBytesPerSecond() / Math.max(1, options.slowFactor());
            Duration connectTimeout = Duration.ofSeconds(30 + options.connections() / 200);
            long connectStart = System.nanoTime();
            clients.connect(0, options.connections(), slow, slowBytesPerSecond, connectTimeout);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            if (options.scenario() == Scenario.IDLE) {
                Thread.sleep(IDLE_SETTLE.toMillis());
                long memoryAfter = gateway.memoryBytes();
                long afterGcPerConnection = (gateway.memoryBytesAfterGc() - memoryBefore) / Math.max(1, clients.open());
                return new BenchResult(options, clients.open(), connectSeconds, -1, 0, 0, new Histogram(3), 0, 0, -1, 0, memoryBefore,
                        memoryAfter, gateway.memoryKind(), stats.closedByServer.sum(), afterGcPerConnection,
                        "perConnectionAfterGcBytes");
            }
            return stream(gateway, clients, plan, slow, slowBytesPerSecond, connectSeconds);
        }
    }

    private BenchResult stream(GatewayUnderTest gateway, LoadClient clients, SubscriptionPlan plan, IntPredicate slow,
                               long slowBytesPerSecond, double connectSeconds) throws InterruptedException {
        Thread.sleep(500);
        long memoryBefore = gateway.memoryBytes();
        ProbePublisher publisher = new ProbePublisher(gateway.publisher(), options.instruments(), options.rate());
        long start = System.nanoTime();
        stats.countFrom(start);
        stats.recordFrom(start + options.warmup().toNanos());
        long serverCpu = gateway.cpuNanos();
        long generatorCpu = ThreadCpu.nanos(WebSocketDialer.THREADS);
        long ioAllocated = gateway.ioAllocatedBytes();
        long wireBytes = stats.wireBytes.sum();
        publisher.start();
        long churned = options.scenario() == Scenario.CHURN
                ? churn(clients, slow, slowBytesPerSecond, options.warmup().plus(options.duration()))
                : sleep(options.warmup().plus(options.duration()));
        long[] published = publisher.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = options.scenario() == Scenario.CHURN ? -1 : expected(plan, slow, published);
        stats.awaitReceived(expected);
        serverCpu = gateway.cpuNanos() - serverCpu;
        generatorCpu = ThreadCpu.nanos(WebSocketDialer.THREADS) - generatorCpu;
        ioAllocated = ioAllocated < 0 ? -1 : gateway.ioAllocatedBytes() - ioAllocated;
        wireBytes = stats.wireBytes.sum() - wireBytes;
        return new BenchResult(options, clients.open(), connectSeconds, expected, stats.received.sum(), seconds,
                stats.latencyMicros.getIntervalHistogram(), serverCpu, generatorCpu, ioAllocated, wireBytes, memoryBefore,
                gateway.memoryBytes(), gateway.memoryKind(), stats.closedByServer.sum(),
                options.scenario() == Scenario.CHURN ? churned : stats.receivedBySlow.sum(),
                options.scenario() == Scenario.CHURN ? "churned" : options.scenario() == Scenario.SLOW
                        ? "slowClientsReceived" : null);
    }

    private IntPredicate slowConnections() {
        if (options.scenario() != Scenario.SLOW || options.slowShare() <= 0) {
            return c -> false;
        }
        int every = (int) Math.max(1, Math.round(1 / options.slowShare()));
        return c -> c % every == every - 1;
    }

    private long streamBytesPerSecond() {
        double messagesPerSecond = options.rate() * options.subscriptions() / options.instruments();
        return (long) (messagesPerSecond * MESSAGE_BYTES[options.protocol().ordinal()]);
    }

    /** Messages the normal readers should receive for these updates per instrument. */
    static long expected(SubscriptionPlan plan, IntPredicate slow, long[] published) {
        long[] subscribers = new long[published.length];
        for (int c = 0; c < plan.connections(); c++) {
            if (!slow.test(c)) {
                for (int index : plan.instrumentsOf(c)) {
                    subscribers[index]++;
                }
            }
        }
        long expected = 0;
        for (int i = 0; i < published.length; i++) {
            expected += published[i] * subscribers[i];
        }
        return expected;
    }

    private long churn(LoadClient clients, IntPredicate slow, long slowBytesPerSecond, Duration length)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(7);
        long end = System.nanoTime() + length.toNanos();
        long pauseNanos = (long) (1e9 / Math.max(0.1, options.churnPerSecond()));
        long churned = 0;
        while (System.nanoTime() < end) {
            int connection = random.nextInt(options.connections());
            clients.close(connection);
            clients.connect(connection, connection + 1, slow, slowBytesPerSecond, Duration.ofSeconds(10));
            churned++;
            Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
        }
        return churned;
    }

    private static long sleep(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());
        return 0;
    }
}
