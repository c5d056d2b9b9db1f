package io.tickstream.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.simulator.DemoCatalog;
import io.tickstream.simulator.MarketSimulator;
import io.tickstream.testkit.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The Java publisher, and the simulator through it, put back the instruments they publish once Redis has restarted empty. */
class PublisherCatalogRestoreTest {

    private static final String CATALOG = "tickstream:instruments";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instrument GOLD = new Instrument("31", "XAUUSD");
    private static final Instrument SILVER = new Instrument("32", "XAGUSD");

    @Test
    void shouldPutBackEachInstrumentItPublishesAfterRedisRestartsEmptySoThatALaterGatewayServesThem() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisBus publishing = RedisBus.connect(redis.uri(), ChannelNames.defaults())) {
            MarketPublisher publisher = publishing.publisher();
            await(publisher.putInstruments(List.of(GOLD, SILVER)));
            await(publisher.publishMarketData(GOLD.id(), "{\"Aggregate\":{\"last_price\":2400}}"));

            redis.restart();
            assertThat(redis.command("EXISTS", CATALOG)).isEqualTo("0");

            await(publisher.publishMarketData(GOLD.id(), "{\"Aggregate\":{\"last_price\":2401}}"));
            assertThat(redis.command("HGET", CATALOG, GOLD.id())).isEqualTo(InstrumentJson.write(GOLD));
            assertThat(redis.command("HEXISTS", CATALOG, SILVER.id())).as("not published since").isEqualTo("0");
            await(publisher.publishTrade(SILVER.id(), "{\"price\":29.5,\"quantity\":10,\"side\":\"buy\",\"ts\":1}"));
            assertThat(redis.command("HGET", CATALOG, SILVER.id())).isEqualTo(InstrumentJson.write(SILVER));

            try (RedisBus bus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
                 GatewayFixture gateway = GatewayFixture.start(GatewayFixture.config().build(), bus)) {
                assertThat(gateway.gateway().catalog().all()).containsExactlyInAnyOrder(GOLD, SILVER);
            }
        }
    }

    @Test
    void shouldHaveTheSimulatorPutBackTheWholeDemoCatalogAfterRedisRestartsEmpty() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisBus publishing = RedisBus.connect(redis.uri(), ChannelNames.defaults());
             MarketSimulator simulator = new MarketSimulator(publishing.publisher(), DemoCatalog.instruments(), 400)) {
            simulator.start();
            String all = String.valueOf(DemoCatalog.instruments().size());
            Awaitility.await().atMost(WAIT).until(() -> all.equals(redis.command("HLEN", CATALOG)));

            redis.restart();

            Awaitility.await().atMost(WAIT).until(() -> all.equals(redis.command("HLEN", CATALOG)));
            for (Instrument instrument : DemoCatalog.instruments()) {
                assertThat(redis.command("HGET", CATALOG, instrument.id())).isEqualTo(InstrumentJson.write(instrument));
            }
        }
    }

    private static void await(CompletionStage<?> pending) throws Exception {
        pending.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
