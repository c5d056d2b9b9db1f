package io.tickstream.client;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.Bus;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.InProcessBus;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import io.tickstream.state.MalformedUpdateException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real gateway on a loopback port with an in-process bus, a small catalog and one API key, that a
 * test can stop and start again on the same port; the bus is its own, or its node's view of a
 * {@link SharedBus}. Used from the test thread only.
 */
final class TestGateway implements AutoCloseable {

    static final String KEY = "client-test-key";
    static final String ACCOUNT = "alice";
    static final Instrument EURUSD = new Instrument("1", "EURUSD");
    static final Instrument SAFFRON = new Instrument("12345", "زعفران0412P01");
    static final Instrument DEEP = new Instrument("5", "DEEP5", 5, "five levels");
    static final List<Instrument> CATALOG = List.of(EURUSD, SAFFRON, DEEP);

    private final Bus bus;
    private final UnaryOperator<GatewayConfig.Builder> customize;
    private Gateway gateway;
    private int port;

    private TestGateway(UnaryOperator<GatewayConfig.Builder> customize, Bus bus) {
        this.customize = customize;
        this.bus = bus;
    }

    static TestGateway start() throws InterruptedException {
        return start(UnaryOperator.identity());
    }

    static TestGateway start(UnaryOperator<GatewayConfig.Builder> customize) throws InterruptedException {
        return start(customize, HistoryLimits.defaults());
    }

    /** A gateway whose bus keeps trade and account histories within {@code history}. */
    static TestGateway start(UnaryOperator<GatewayConfig.Builder> customize, HistoryLimits history)
            throws InterruptedException {
        return started(new TestGateway(customize, new InProcessBus(CATALOG, history)));
    }

    /** A gateway that is one node of a deployment on {@code shared}, with its own view of that bus. */
    static TestGateway startOn(SharedBus shared) throws InterruptedException {
        return started(new TestGateway(UnaryOperator.identity(), shared.node()));
    }

    private static TestGateway started(TestGateway fixture) throws InterruptedException {
        fixture.gateway = Gateway.start(fixture.config(0), fixture.bus);
        fixture.port = fixture.gateway.port();
        return fixture;
    }

    private GatewayConfig config(int listenPort) {
        return customize.apply(GatewayConfig.builder()
                .host("127.0.0.1")
                .port(listenPort)
                .simulatorRate(0)
                .apiKey(ApiKey.plain(KEY, new Principal(ACCOUNT, InstrumentScope.all(), true, 0))))
                .build();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    Gateway gateway() {
        return gateway;
    }

    /** A client builder for this gateway with test-friendly timings (a dead connection is found within 2 s). */
    ClientBuilder client() {
        return TickstreamClient.builder().uri(uri()).apiKey(KEY)
                .backoffBase(Duration.ofMillis(50)).backoffMax(Duration.ofMillis(500)).maxRetries(10)
                .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(1));
    }

    void stop() {
        gateway.close();
        gateway = null;
    }

    /** Starts the gateway again on the port it had, retrying while the port is still being released. */
    void restart() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                gateway = Gateway.start(config(port), bus);
                return;
            } catch (IllegalStateException portStillBusy) {
                if (System.nanoTime() - deadline > 0) {
                    throw portStillBusy;
                }
                Thread.sleep(50);
            }
        }
    }

    void publish(Instrument instrument, String updateJson) {
        try {
            bus.publisher().publishMarketData(instrument.id(), updateJson);
        } catch (MalformedUpdateException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void quote(Instrument instrument, String bid, String ask) {
        publish(instrument, "{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + ",\"sell_price\":" + ask + "}}}");
    }

    void trade(Instrument instrument, String tradeJson) {
        bus.publisher().publishTrade(instrument.id(), tradeJson);
    }

    void accountEvent(String eventJson) {
        bus.publisher().publishAccountEvent(ACCOUNT, eventJson);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        bus.close();
    }
}
