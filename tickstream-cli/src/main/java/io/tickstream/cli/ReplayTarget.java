package io.tickstream.cli;

import io.tickstream.bus.Bus;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.redis.RedisBus;
import io.tickstream.server.Gateway;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a replay publishes: a gateway started in this JVM on its own in-process bus (simulator off,
 * catalog made from the recording), or a Redis bus that running gateways listen to. Knows the
 * instrument of every recorded symbol. Open and close from one thread; publishing is thread-safe.
 */
final class ReplayTarget implements AutoCloseable {

    private final Bus bus;
    private final Gateway gateway;
    private final Map<String, Instrument> instruments;

    private ReplayTarget(Bus bus, Gateway gateway, Map<String, Instrument> instruments) {
        this.bus = bus;
        this.gateway = gateway;
        this.instruments = instruments;
    }

    /** Starts a gateway with {@code config} (its simulator is not started) on a bus holding the recording's instruments. */
    static ReplayTarget serve(GatewayConfig config, ReplayPlan plan) throws InterruptedException {
        List<Instrument> catalog = ReplayCatalog.forServe(plan);
        InProcessBus bus = new InProcessBus(catalog);
        try {
            Gateway gateway = Gateway.start(config, bus);
            Map<String, Instrument> byName = new LinkedHashMap<>();
            catalog.forEach(instrument -> byName.put(instrument.name(), instrument));
            return new ReplayTarget(bus, gateway, byName);
        } catch (InterruptedException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    /**
     * Connects to Redis and adds the recorded symbols its catalog lacks (reported on {@code out});
     * puts the ones it has again, so that the replay restores them should Redis restart empty.
     */
    static ReplayTarget redis(String uri, ChannelNames channels, ReplayPlan plan, PrintWriter out) throws Exception {
        RedisBus bus = RedisBus.connect(uri, channels);
        try {
            List<Instrument> existing = bus.loadCatalog().toCompletableFuture()
                    .get(Acknowledgement.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Instrument> missing = new ArrayList<>();
            Map<String, Instrument> byName = ReplayCatalog.resolve(existing, plan, missing);
            // All of them, not only the missing: the publisher writes back what it put should Redis lose it.
            Acknowledgement.await(bus.publisher().putInstruments(List.copyOf(byName.values())), "the instruments");
            for (Instrument instrument : missing) {
                out.println("added instrument " + instrument.id() + " (" + instrument.name() + ") to " + channels.catalogKey());
            }
            out.flush();
            return new ReplayTarget(bus, null, byName);
        } catch (Exception e) {
            bus.close();
            throw e;
        }
    }

    MarketPublisher publisher() {
        return bus.publisher();
    }

    /** The instrument of a recorded symbol, or null for one the plan did not name. */
    Instrument instrument(String symbol) {
        return instruments.get(symbol);
    }

    /** The gateway started for the replay, or null when publishing into Redis. */
    Gateway gateway() {
        return gateway;
    }

    /** Drains and closes the gateway it serves, if any, then the bus. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.drainAndClose();
        }
        bus.close();
    }
}
