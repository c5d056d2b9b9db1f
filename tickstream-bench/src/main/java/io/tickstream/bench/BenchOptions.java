package io.tickstream.bench;

import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
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
 * @param redisUri       feed a spawned gateway through Redis (fault scenario: the gateway in this JVM too); null
 *                       for the in-process bus
 * @param clientTransport  the generator's socket transport (falling back as a gateway's does)
 * @param gatewayTransport the spawned gateway's {@code websocket.transport}, or null for its default
 * @param tls            serve and connect over TLS with this engine, openssl or jdk; null for plain
 * @param deflate        clients offer permessage-deflate
 * @param jsonChannel    what JSON clients subscribe to
 */
public record BenchOptions(Scenario scenario, Protocol protocol, int connections, int subscriptions,
                           int instruments, double rate, Duration warmup, Duration duration, int sourceAddresses,
                           int clientThreads, SocketTransport clientTransport, double slowShare, int slowFactor, double churnPerSecond,
                           boolean spawn, String redisUri, List<String> gatewayJvmOptions,
                           SocketTransport gatewayTransport, String tls, boolean deflate, JsonChannel jsonChannel) {

    public BenchOptions {
        if (spawn && scenario != Scenario.IDLE && redisUri == null) {
            throw new IllegalArgumentException("a spawned gateway can only be fed through Redis: give --redis");
        }
        if (!spawn && redisUri != null && scenario != Scenario.FAULT) {
            throw new IllegalArgumentException("--redis needs --spawn-gateway (the gateway then runs on Redis)");
        }
        if (scenario == Scenario.FAULT && redisUri == null) {
            throw new IllegalArgumentException("the fault scenario kills the gateway's Redis pub/sub connection:"
                    + " give --redis URI (the gateway then runs on that Redis, in this JVM or with --spawn-gateway)");
        }
        if (scenario == Scenario.FAULT && protocol != Protocol.JSON) {
            throw new IllegalArgumentException("the fault scenario's clients speak JSON only, not " + protocol);
        }
        if (gatewayTransport != null && !spawn) {
            throw new IllegalArgumentException("--gateway-transport is the spawned gateway's: give --spawn-gateway");
        }
        if (tls != null && !tls.equals("openssl") && !tls.equals("jdk")) {
            throw new IllegalArgumentException("--tls must be openssl or jdk, was " + tls);
        }
        if (jsonChannel != JsonChannel.TICK && protocol != Protocol.JSON) {
            throw new IllegalArgumentException("--json-channel is for the json protocol, not " + protocol);
        }
    }
}
