package io.tickstream.bench;

import io.tickstream.bench.fault.DeliveryAudit;
import io.tickstream.bench.fault.FaultClients;
import io.tickstream.bench.fault.FaultSettings;
import io.tickstream.bench.fault.FaultStats;
import io.tickstream.bench.fault.FaultStreams;
import io.tickstream.bench.fault.PubSubKiller;
import io.tickstream.bench.fault.RedisAdmin;
import io.tickstream.bench.fault.StreamPublisher;
import io.tickstream.bench.fault.StreamSeqs;
import io.tickstream.bench.gateway.GatewayUnderTest;
import io.tickstream.bench.load.SubscriptionPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The fault scenario: {@code -n} JSON clients, each on the private account's stream and the trade
 * streams of {@code -k} instruments, while trades ({@code --rate}) and account events
 * ({@code --account-rate}) are published through Redis and, after the warm-up, the gateway's
 * pub/sub connection is killed every {@code --kill-every}. Counts by seq what each client lost or
 * got twice, and times the messages published during each outage. Driven from one thread.
 */
public final class FaultRun {

    /** How long the gateway may take to subscribe again after a kill before the run gives up. */
    private static final Duration MAX_OUTAGE = Duration.ofSeconds(30);
    /** The stragglers' wait ends when nothing new came for this long... */
    private static final Duration STRAGGLERS_QUIET = Duration.ofSeconds(5);
    /** ...or after this long at most. */
    private static final Duration STRAGGLERS_MAX = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final FaultSettings settings;
    private final FaultStats stats = new FaultStats();

    public FaultRun(BenchOptions options, FaultSettings settings) {
        if (options.scenario() != Scenario.FAULT) {
            throw new IllegalArgumentException("FaultRun runs the fault scenario, not " + options.scenario());
        }
        this.options = options;
        this.settings = settings;
    }

    public FaultResult run() throws IOException, InterruptedException {
        SubscriptionPlan plan = new SubscriptionPlan(options.connections(), options.subscriptions(), options.instruments());
        FaultStreams streams = FaultStreams.of(plan);
        try (GatewayUnderTest gateway = Bench.startGateway(options);
             RedisAdmin admin = RedisAdmin.connect(options.redisUri());
             FaultClients clients = new FaultClients(gateway.uri(), plan, options.sourceAddresses(),
                     options.clientThreads(), options.clientTransport(), stats)) {
            clients.connect(Duration.ofSeconds(30 + options.connections() / 200));
            StreamSeqs seqs = new StreamSeqs(admin, streams);
            Map<String, Long> first = seqs.read();
            PubSubKiller killer = new PubSubKiller(admin, streams, stats);
            StreamPublisher publisher = new StreamPublisher(gateway.publisher(), streams, options.rate(),
                    settings.accountRate());
            long start = System.nanoTime();
            stats.recordFrom(start + options.warmup().toNanos());
            publisher.start();
            killUntilTheEnd(killer, start);
            long publishFailed = publisher.stop();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> last = seqs.read();
            stats.awaitDistinct(clients.audit(last).expected(), STRAGGLERS_QUIET, STRAGGLERS_MAX);
            DeliveryAudit audit = clients.audit(last);
            long trades = streams.trades().stream()
                    .mapToLong(stream -> last.get(stream.label()) - first.get(stream.label())).sum();
            long accountEvents = last.get(streams.account().label()) - first.get(streams.account().label());
            return new FaultResult(options, settings, seconds, killer.kills(), trades, accountEvents, publishFailed,
                    stats.received(), audit, stats.unexpected(), stats.gaps(), stats.recovery(),
                    killer.outageMicros(), stats.latency(), stats.closedByServer(), stats.failures());
        }
    }

    /** Kills every {@code --kill-every} after the warm-up until the run's end. */
    private void killUntilTheEnd(PubSubKiller killer, long start) throws InterruptedException {
        long every = settings.killEvery().toNanos();
        long end = start + options.warmup().plus(options.duration()).toNanos();
        for (long next = start + options.warmup().toNanos() + every; next < end; next += every) {
            sleepUntil(next);
            killer.kill(MAX_OUTAGE);
        }
        sleepUntil(end);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
