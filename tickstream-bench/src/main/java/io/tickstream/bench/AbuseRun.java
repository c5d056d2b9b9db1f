package io.tickstream.bench;

import io.tickstream.bench.abuse.Attack;
import io.tickstream.bench.abuse.AttackKind;
import io.tickstream.bench.abuse.HealthProbe;
import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bench.gateway.GatewayUnderTest;
import io.tickstream.bench.load.DeliveryStats;
import io.tickstream.bench.load.LoadClient;
import io.tickstream.bench.load.ProbePublisher;
import io.tickstream.bench.load.SubscriptionPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The abuse scenario: a modest normal load (the bystanders: {@code -n} connections x {@code -k}
 * subscriptions, updates at {@code --rate}) and, for each attack in turn, a baseline phase without
 * it and then a phase of the same length with it, so that what the attack costs the bystanders is
 * the difference between the two. Driven from one thread.
 *
 * <p>An attack can outlast its attacker: a gateway may still be working off what it read. So the
 * attack phase counts the bystanders' messages that arrive after the attacker left, with their
 * real latency, and the next baseline waits until the gateway answers promptly again (that wait
 * is reported as the recovery). Bystanders an attack got closed are reconnected before it.
 */
public final class AbuseRun {

    static final Duration MAX_RECOVERY = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final List<AttackKind> attacks;
    private final DeliveryStats stats = new DeliveryStats();

    /** @param attacks the attacks chosen; {@link AttackKind#ALL} stands for each of them */
    public AbuseRun(BenchOptions options, List<AttackKind> attacks) {
        if (options.scenario() != Scenario.ABUSE) {
            throw new IllegalArgumentException("AbuseRun runs the abuse scenario, not " + options.scenario());
        }
        this.options = options;
        this.attacks = AttackKind.runs(attacks);
        boolean handshakes = this.attacks.contains(AttackKind.HANDSHAKE);
        if (handshakes && options.tls() == null) {
            throw new IllegalArgumentException("the handshake attack needs a gateway serving TLS: give --tls");
        }
        if (options.tls() != null && (!handshakes || this.attacks.size() > 1)) {
            throw new IllegalArgumentException("the abuse scenario's other attackers speak plain WebSocket:"
                    + " with --tls, give --attack handshake only");
        }
    }

    /**
     * Runs every attack in turn and hands each result to {@code onResult} as soon as it is known
     * (a later attack may bring the gateway down).
     */
    public List<AbuseResult> run(Consumer<AbuseResult> onResult) throws IOException, InterruptedException {
        SubscriptionPlan plan = new SubscriptionPlan(options.connections(), options.subscriptions(), options.instruments());
        Duration connectTimeout = Duration.ofSeconds(30 + options.connections() / 200);
        try (GatewayUnderTest gateway = Bench.startGateway(options);
             LoadClient bystanders = new LoadClient(gateway.uri(), options.protocol(), options.jsonChannel(), options.deflate(),
                     BenchCatalog.API_KEY, plan,
                     options.sourceAddresses(), options.clientThreads(), options.clientTransport(), stats)) {
            URI uri = gateway.uri();
            InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
            bystanders.connect(0, options.connections(), c -> false, 0, connectTimeout);
            new PhaseStart().end(publish(gateway, plan, options.warmup()));
            List<AbuseResult> results = new ArrayList<>();
            for (AttackKind kind : attacks) {
                bystanders.reopenClosed(connectTimeout);
                AbuseResult result = attack(kind, gateway, address, plan);
                onResult.accept(result);
                results.add(result);
            }
            return results;
        }
    }

    private AbuseResult attack(AttackKind kind, GatewayUnderTest gateway, InetSocketAddress address,
                               SubscriptionPlan plan) throws InterruptedException {
        AbuseResult.Phase baseline = new PhaseStart().end(publish(gateway, plan, options.duration()));
        long memoryBefore = gateway.memoryBytes();
        Attack attack = kind.newAttack();
        attack.prepare(gateway.publisher());
        boolean tls = options.tls() != null;
        HealthProbe health = new HealthProbe(address, tls);
        PhaseStart attacked;
        long expected;
        long memoryAfter;
        attack.start(address);
        try {
            health.start();
            try {
                attacked = new PhaseStart();
                expected = publish(gateway, plan, options.duration());
            } finally {
                health.stop();
            }
            memoryAfter = gateway.memoryBytes();
        } finally {
            attack.stop();
        }
        Duration recovery = HealthProbe.awaitRecovery(address, tls, MAX_RECOVERY);
        return new AbuseResult(options, kind.label(), baseline, attacked.end(expected), memoryBefore, memoryAfter,
                gateway.memoryKind(), health.ok(), health.failed(), health.latencyMicros(), attack.tally(), recovery);
    }

    /** Publishes for {@code length}; returns the messages the bystanders should get for it. */
    private long publish(GatewayUnderTest gateway, SubscriptionPlan plan, Duration length) throws InterruptedException {
        ProbePublisher publisher = new ProbePublisher(gateway.publisher(), options.instruments(), options.rate());
        publisher.start();
        Thread.sleep(length.toMillis());
        return Bench.expected(plan, c -> false, publisher.stop());
    }

    /**
     * The bystanders' counters at the start of a phase: from here on only messages published in
     * the phase count, and latency is recorded afresh.
     */
    private final class PhaseStart {

        private final long received = stats.received.sum();
        private final long closed = stats.closedByServer.sum();

        PhaseStart() {
            long now = System.nanoTime();
            stats.countFrom(now);
            stats.recordFrom(now);
            stats.latencyMicros.getIntervalHistogram(); // a new interval: what earlier phases recorded is dropped
        }

        /** Waits for the phase's messages still in flight and returns what the bystanders got. */
        AbuseResult.Phase end(long expected) throws InterruptedException {
            stats.awaitReceived(received + expected);
            return new AbuseResult.Phase(expected, stats.received.sum() - received,
                    stats.latencyMicros.getIntervalHistogram(), stats.closedByServer.sum() - closed);
        }
    }
}
