package io.tickstream.bench;

import io.tickstream.bench.load.Protocol;
import java.time.Duration;
import java.util.List;

/**
 * One benchmark run's settings. Immutable.
 *
 * @param rate           market-data updates published per second, over all instruments
 * @param slowShare      share of connections that read slowly (slow scenario)
 * @param slowFactor     how many times slower than their stream the slow connections read
 * @param churnPerSecond connections replaced per second (churn scenario)
 * @param spawn          run the gateway as a process of its own (measured through /proc)
 * @param redisUri       feed a spawned gateway through Redis; null for the in-process bus
 */
public record BenchOptions(Scenario scenario, Protocol protocol, int connections, int subscriptions,
                           int instruments, double rate, Duration warmup, Duration duration, int sourceAddresses,
                           int clientThreads, double slowShare, int slowFactor, double churnPerSecond,
                           boolean spawn, String redisUri, List<String> gatewayJvmOptions) {

    public BenchOptions {
        if (spawn && scenario != Scenario.IDLE && redisUri == null) {
            throw new IllegalArgumentException("a spawned gateway can only be fed through Redis: give --redis");
        }
        if (!spawn && redisUri != null) {
            throw new IllegalArgumentException("--redis needs --spawn-gateway (the gateway then runs on Redis)");
        }
    }
}
