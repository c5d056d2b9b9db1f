package io.tickstream.bench;

import io.tickstream.bench.abuse.AttackKind;
import io.tickstream.bench.fault.FaultSettings;
import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickstream bench}: the load generator. Prints one summary line per run. Runs on the main
 * thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load-test a gateway: N connections x k subscriptions over M instruments at a set publish rate.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", defaultValue = "fanout", description = "fanout, idle, slow, churn, abuse, fault or alerts (default: ${DEFAULT-VALUE}).")
    private Scenario scenario;

    @Option(names = "--protocol", description = "ime, json or compact (default: ime; the fault scenario speaks json only).")
    private Protocol protocol;

    @Option(names = {"-n", "--connections"}, defaultValue = "1000", description = "Connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = {"-k", "--subscriptions"}, defaultValue = "10", description = "Subscriptions per connection (default: ${DEFAULT-VALUE}).")
    private int subscriptions;

    @Option(names = {"-m", "--instruments"}, defaultValue = "500", description = "Instruments (default: ${DEFAULT-VALUE}).")
    private int instruments;

    @Option(names = "--rate", defaultValue = "1000", description = "Updates published per second; fault: trades (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds before latency is recorded; fault: and before the kills begin (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds measured after the warm-up; abuse: of each phase, without and with each attack (default: ${DEFAULT-VALUE}).")
    private int duration;

    @Option(names = "--source-addresses", defaultValue = "4", description = "127.0.0.x source addresses to spread connections over (default: ${DEFAULT-VALUE}).")
    private int sourceAddresses;

    @Option(names = "--client-threads", defaultValue = "2", description = "Event loops of the generator (default: ${DEFAULT-VALUE}).")
    private int clientThreads;

    @Option(names = "--client-transport", paramLabel = "TRANSPORT", defaultValue = "epoll",
            description = "Socket transport of the generator: epoll, io_uring or nio (default: ${DEFAULT-VALUE}).")
    private String clientTransport;

    @Option(names = "--slow-share", defaultValue = "0.01", description = "Share of slow readers in the slow scenario (default: ${DEFAULT-VALUE}).")
    private double slowShare;

    @Option(names = "--slow-factor", defaultValue = "10", description = "How much slower than their stream slow readers read (default: ${DEFAULT-VALUE}).")
    private int slowFactor;

    @Option(names = "--churn", defaultValue = "20", description = "Connections replaced per second in the churn scenario (default: ${DEFAULT-VALUE}).")
    private double churnPerSecond;

    @Option(names = "--attack", split = ",", defaultValue = "all",
            description = "Abuse scenario: pipeline, idle, ping, frames, resume or all (all but resume and handshake); several with commas; or handshake alone, with --tls (default: ${DEFAULT-VALUE}).")
    private List<AttackKind> attacks;

    @Option(names = "--kill-every", paramLabel = "SECONDS", defaultValue = "3",
            description = "Fault scenario: seconds between two kills of the gateway's Redis pub/sub connection (default: ${DEFAULT-VALUE}).")
    private double killEverySeconds;

    @Option(names = "--account-rate", defaultValue = "50",
            description = "Fault scenario: account events published per second (default: ${DEFAULT-VALUE}).")
    private double accountRate;

    @Option(names = "--alerts", defaultValue = "100000",
            description = "Alerts scenario: price alerts set over the instruments (default: ${DEFAULT-VALUE}).")
    private int alerts;

    @Option(names = "--spawn-gateway", description = "Run the gateway as its own process (measured through /proc).")
    private boolean spawn;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Feed the spawned gateway through Redis at URI; fault scenario (needs it): the gateway in this JVM too.")
    private String redisUri;

    /** The options {@code ./tickstream} starts a gateway with, so that a spawned one is measured as operators run it. */
    static final String LAUNCHER_JVM_OPTIONS = "--add-opens=java.base/java.nio=ALL-UNNAMED"
            + " -Dio.netty.tryReflectionSetAccessible=true -XX:MaxDirectMemorySize=512m"
            + " -XX:+UseG1GC -XX:MaxGCPauseMillis=10 -XX:MaxNewSize=64m -XX:G1PeriodicGCInterval=10000"
            + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

    @Option(names = "--gateway-jvm", split = " ", defaultValue = LAUNCHER_JVM_OPTIONS,
            description = "JVM options of a spawned gateway (default: those of ./tickstream: ${DEFAULT-VALUE}).")
    private List<String> gatewayJvm;

    @Option(names = "--gateway-transport", paramLabel = "TRANSPORT",
            description = "Socket transport of a spawned gateway: epoll, io_uring or nio (default: the gateway's, io_uring).")
    private String gatewayTransport;

    @Option(names = "--tls", paramLabel = "ENGINE",
            description = "Serve and connect over TLS (wss://) with a self-signed certificate made at start,"
                    + " the gateway on openssl or jdk (default: plain).")
    private String tls;

    @Option(names = "--deflate", description = "Clients offer permessage-deflate (default: plain).")
    private boolean deflate;

    @Option(names = "--json-channel", paramLabel = "CHANNEL", defaultValue = "tick",
            description = "What json clients subscribe to: tick, state or state-delta (default: ${DEFAULT-VALUE}).")
    private String jsonChannel;

    @Override
    public Integer call() throws Exception {
        Protocol spoken = protocol != null ? protocol : scenario == Scenario.FAULT ? Protocol.JSON : Protocol.IME;
        BenchOptions options = new BenchOptions(scenario, spoken, connections, subscriptions, instruments, rate,
                Duration.ofSeconds(warmup), Duration.ofSeconds(duration), sourceAddresses, clientThreads,
                SocketTransport.named(clientTransport), slowShare,
                slowFactor, churnPerSecond, spawn, redisUri, gatewayJvm,
                gatewayTransport == null ? null : SocketTransport.named(gatewayTransport), tls, deflate,
                JsonChannel.named(jsonChannel));
        if (scenario == Scenario.ABUSE) {
            List<AbuseResult> results = new AbuseRun(options, attacks).run(result -> System.out.println(result.summary()));
            System.out.println();
            System.out.print(AbuseResult.markdown(results));
            return 0;
        }
        if (scenario == Scenario.FAULT) {
            FaultResult result = new FaultRun(options, new FaultSettings(
                    Duration.ofMillis(Math.round(killEverySeconds * 1000)), accountRate)).run();
            System.out.println(result.summary());
            return result.lost() > 0 || result.duplicated() > 0 ? 1 : 0;
        }
        if (scenario == Scenario.ALERTS) {
            System.out.println(new AlertsRun(options, alerts).run());
            return 0;
        }
        BenchResult result = new Bench(options).run();
        System.out.println(result.summary());
        return result.lost() > 0 || result.closedByServer() > 0 && scenario == Scenario.FANOUT ? 1 : 0;
    }
}
