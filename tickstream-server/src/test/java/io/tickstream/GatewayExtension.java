package io.tickstream;

import io.tickstream.bus.Bus;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.InProcessBus;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.config.GatewayConfig;
import io.tickstream.redis.RedisBus;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link GatewayFixture} on a fresh bus before each test, ahead of the class's {@code @BeforeEach}
 * methods, and closes both after its {@code @AfterEach} methods; its methods reach the running gateway as the
 * fixture's do. Register it with {@code @RegisterExtension} on a static field, changing
 * {@link GatewayFixture#config()} as the class needs:
 * {@code static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config.maxFrameBytes(1024));}
 *
 * @param <B> the bus the gateway runs on
 */
public abstract sealed class GatewayExtension<B extends Bus> implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<GatewayConfig.Builder> config;
    private B bus;
    private GatewayFixture fixture;

    private GatewayExtension(UnaryOperator<GatewayConfig.Builder> config) {
        this.config = config;
    }

    public static InProcess inProcess() {
        return inProcess(UnaryOperator.identity());
    }

    /** A gateway on an {@link InProcessBus} holding {@link GatewayFixture#CATALOG}. */
    public static InProcess inProcess(UnaryOperator<GatewayConfig.Builder> config) {
        return new InProcess(config);
    }

    public static OverRedis overRedis() {
        return overRedis(UnaryOperator.identity());
    }

    /**
     * A gateway on a {@link RedisBus}: one Redis server for the class, emptied and seeded with
     * {@link GatewayFixture#CATALOG} before each test.
     */
    public static OverRedis overRedis(UnaryOperator<GatewayConfig.Builder> config) {
        return new OverRedis(config);
    }

    /** Opens the bus of the next test. */
    abstract B openBus();

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        bus = openBus();
        fixture = GatewayFixture.start(config.apply(GatewayFixture.config()).build(), bus);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fixture.close();
        bus.close();
    }

    /**
     * Closes the running gateway and starts another on the same bus, with this extension's configuration
     * changed further by {@code change}.
     */
    public void restart(UnaryOperator<GatewayConfig.Builder> change) throws InterruptedException {
        fixture.close();
        fixture = GatewayFixture.start(change.apply(config.apply(GatewayFixture.config())).build(), bus);
    }

    /** The running gateway's bus. */
    public B bus() {
        return bus;
    }

    public Gateway gateway() {
        return fixture.gateway();
    }

    public URI uri(String pathAndQuery) {
        return fixture.uri(pathAndQuery);
    }

    public URI byName(String... names) {
        return fixture.byName(names);
    }

    public URI byNameUnder(String basePath, String... names) {
        return fixture.byNameUnder(basePath, names);
    }

    public URI byId(String... ids) {
        return fixture.byId(ids);
    }

    public WebSocketRecorder connect(URI uri) {
        return fixture.connect(uri);
    }

    /** On an in-process bus, which the test publishes to through {@link #bus()}. */
    public static final class InProcess extends GatewayExtension<InProcessBus> {

        private InProcess(UnaryOperator<GatewayConfig.Builder> config) {
            super(config);
        }

        @Override
        InProcessBus openBus() {
            return new InProcessBus(GatewayFixture.CATALOG);
        }
    }

    /** On Redis, which the test publishes to through {@link #publisher()}, a connection of its own. */
    public static final class OverRedis extends GatewayExtension<RedisBus> implements BeforeAllCallback, AfterAllCallback {

        private RedisServer redis;
        private RedisBus publisherBus;

        private OverRedis(UnaryOperator<GatewayConfig.Builder> config) {
            super(config);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            redis = RedisServer.start();
        }

        @Override
        RedisBus openBus() {
            redis.command("FLUSHALL");
            GatewayFixture.seedCatalog(redis);
            RedisBus bus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
            publisherBus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
            return bus;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            super.afterEach(context);
            publisherBus.close();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            redis.close();
        }

        public RedisServer redis() {
            return redis;
        }

        public MarketPublisher publisher() {
            return publisherBus.publisher();
        }
    }
}
