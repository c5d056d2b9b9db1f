package io.tickstream.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.InProcessBus;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.OfflineBars;
import io.tickstream.testkit.RedisCluster;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bars built in Redis by the trade-append script: equal to the offline computation, the same on
 * every node, unchanged by a node's restart, and on a 3-master cluster.
 */
class CandlesOverRedisTest {

    private static final long BASE = 1_700_000_000_000L;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void shouldBuildBarsInTheTradeScriptEqualToTheOfflineComputation() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        RedisBus publisher = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        List<OfflineBars.Print> tape = OfflineBars.tape(5, 900, BASE, 1_013);

        CandleHistory.publish(publisher.publisher(), "1", tape);

        for (CandleInterval interval : CandleInterval.values()) {
            List<String> stored = publisher.candles("1", interval, Long.MAX_VALUE, 1_000).toCompletableFuture().get()
                    .stream().map(Bar::toJsonArray).toList();
            assertThat(stored).as(interval.label()).containsExactlyElementsOf(OfflineBars.bars(tape, interval.millis()));
        }
    }

    @Test
    void shouldAddDecimalsDigitByDigitInLua() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        RedisBus publisher = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        List<OfflineBars.Print> tape = List.of(
                new OfflineBars.Print(BASE, "1.10", "0.1"),
                new OfflineBars.Print(BASE + 1, "1.1", "0.2"),
                new OfflineBars.Print(BASE + 2, "-0.05", "99999999999999999999.99"),
                new OfflineBars.Print(BASE + 3, "-0.050", "0.01"),
                new OfflineBars.Print(BASE + 4, "1.5e2", "0.000"),
                new OfflineBars.Print(BASE + 5, "150.00", "7"));
        BarStore inJava = new BarStore(CandleSettings.defaults());
        for (OfflineBars.Print print : tape) {
            inJava.addTrade("1", print.time(), new BigDecimal(print.price()), new BigDecimal(print.quantity()));
        }

        CandleHistory.publish(publisher.publisher(), "1", tape);

        List<Bar> stored = publisher.candles("1", CandleInterval.S1, Long.MAX_VALUE, 10).toCompletableFuture().get();
        assertThat(stored).extracting(Bar::toJsonArray)
                .containsExactly("[1700000000000,1.10,150,-0.05,150.00,100000000000000000007.300,6]");
        assertThat(stored).extracting(Bar::toJsonArray).containsExactlyElementsOf(
                inJava.read("1", CandleInterval.S1, Long.MAX_VALUE, 10).stream().map(Bar::toJsonArray).toList());
    }

    @Test
    void shouldServeTheSameBarsFromTwoNodesAndFromANodeRestartedMidBar() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        GatewayFixture.seedCatalog(redis);
        RedisBus publisherA = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        RedisBus publisherB = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        GatewayFixture nodeA = node(redis.uri());
        GatewayFixture nodeB = node(redis.uri());
        List<OfflineBars.Print> tape = OfflineBars.tape(9, 400, BASE, 331);

        for (int i = 0; i < 300; i++) {
            CandleHistory.publish(i % 2 == 0 ? publisherA.publisher() : publisherB.publisher(), "1", tape.subList(i, i + 1));
        }
        List<String> beforeRestart = CandleHistory.bars(nodeA.gateway().port(), "symbol=EURUSD&interval=1m");
        nodeA.close();
        open.remove(nodeA);
        GatewayFixture restarted = node(redis.uri());
        List<String> afterRestart = CandleHistory.bars(restarted.gateway().port(), "symbol=EURUSD&interval=1m");
        CandleHistory.publish(publisherB.publisher(), "1", tape.subList(300, tape.size()));

        assertThat(afterRestart).isEqualTo(beforeRestart)
                .containsExactlyElementsOf(OfflineBars.bars(tape.subList(0, 300), 60_000));
        for (String interval : List.of("1s", "1m", "5m", "1d")) {
            List<String> offline = OfflineBars.bars(tape, CandleInterval.byLabel(interval).millis());
            assertThat(CandleHistory.allByPages(restarted.gateway().port(), "EURUSD", interval, 37)).as(interval)
                    .containsExactlyElementsOf(offline);
            assertThat(CandleHistory.bars(nodeB.gateway().port(), "symbol=1&interval=" + interval + "&limit=1000"))
                    .as(interval).containsExactlyElementsOf(offline);
        }
    }

    @Test
    void shouldBuildBarsOnTheShardOfTheInstrumentInACluster() throws Exception {
        RedisCluster cluster = keep(RedisCluster.start());
        ChannelNames names = ChannelNames.defaults().clustered();
        for (Instrument instrument : GatewayFixture.CATALOG) {
            cluster.command("HSET", names.catalogKey(), instrument.id(), InstrumentJson.write(instrument));
        }
        RedisBus publisher = keep(RedisBus.connect(cluster.uri(), ChannelNames.defaults()));
        GatewayFixture node = node(cluster.uri());
        List<OfflineBars.Print> tape = OfflineBars.tape(13, 300, BASE, 777);

        CandleHistory.publish(publisher.publisher(), "12345", tape);
        CandleHistory.publish(publisher.publisher(), "1", tape);

        assertThat(cluster.nodeOf(names.candleKey("12345", "1m")))
                .isEqualTo(cluster.nodeOf(names.historyKey(BusChannel.TRADES, "12345")));
        for (String symbol : List.of("ContractA", "EURUSD")) {
            assertThat(CandleHistory.allByPages(node.gateway().port(), symbol, "1m", 2)).as(symbol)
                    .containsExactlyElementsOf(OfflineBars.bars(tape, 60_000));
        }
    }

    @Test
    void shouldBuildMidCandlesFromTheQuoteOnRedisAndOnTheEmbeddedBus() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        RedisBus publisher = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        Instrument mid = new Instrument("9", "MIDFX", 3, "", true);
        InProcessBus embedded = keep(new InProcessBus(List.of(mid)));
        publisher.publisher().putInstrument(mid).toCompletableFuture().get();
        List<OfflineBars.Print> mids = new ArrayList<>();
        String[][] quotes = {{"1.1", "1.2"}, {"1.10", "1.30"}, {"-0.05", "0.5"}, {"2.35", "2.4"}, {"3", "4"}, {"100", "100.001"}};
        for (int i = 0; i < 60; i++) {
            String[] quote = quotes[i % quotes.length];
            long ts = BASE + i * 7_919L;
            String update = "{\"ts\":" + ts + ",\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + quote[0]
                    + ",\"sell_price\":" + quote[1] + "}}}}";
            publisher.publisher().publishMarketData("9", update).toCompletableFuture().get();
            embedded.publishMarketData("9", update).toCompletableFuture().get();
            publisher.publisher().publishMarketData("9", "{\"ts\":" + ts + ",\"data\":{\"BestLimit\":{\"2\":{\"buy_price\":1}}}}")
                    .toCompletableFuture().get();
            mids.add(new OfflineBars.Print(ts, new BigDecimal(quote[0]).add(new BigDecimal(quote[1]))
                    .divide(BigDecimal.valueOf(2)).toPlainString(), "0"));
        }
        CandleHistory.publish(publisher.publisher(), "1", List.of(new OfflineBars.Print(BASE, "5", "1")));

        for (CandleInterval interval : List.of(CandleInterval.S1, CandleInterval.M1, CandleInterval.H1)) {
            List<String> offline = OfflineBars.bars(mids, interval.millis());
            assertThat(publisher.candles("9", interval, Long.MAX_VALUE, 1_000).toCompletableFuture().get())
                    .as(interval.label()).extracting(Bar::toJsonArray).containsExactlyElementsOf(offline);
            assertThat(embedded.candles("9", interval, Long.MAX_VALUE, 1_000).toCompletableFuture().get())
                    .as(interval.label()).extracting(Bar::toJsonArray).containsExactlyElementsOf(offline);
        }
        assertThat(publisher.candles("1", CandleInterval.M1, Long.MAX_VALUE, 10).toCompletableFuture().get())
                .extracting(Bar::toJsonArray).containsExactly("[1699999980000,5,5,5,5,1,1]");
    }

    @Test
    void shouldSendTheSameClosedBarFromTwoNodes() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        GatewayFixture.seedCatalog(redis);
        RedisBus publisher = keep(RedisBus.connect(redis.uri(), ChannelNames.defaults()));
        List<WebSocketRecorder> clients = new ArrayList<>();
        for (GatewayFixture node : List.of(node(redis.uri()), node(redis.uri()))) {
            WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/"));
            client.nextText();
            client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
            client.nextText();
            client.sendText("{\"type\":\"subscribe\",\"channel\":\"candles\",\"symbols\":[\"EURUSD\"],\"interval\":\"1s\"}");
            assertThat(client.nextText()).contains("\"subscribed\"");
            clients.add(client);
        }
        while (System.currentTimeMillis() % 1_000 > 200) {
            Thread.sleep(10);
        }
        long ts = System.currentTimeMillis();
        CandleHistory.publish(publisher.publisher(), "1", List.of(new OfflineBars.Print(ts, "7.5", "0.1"),
                new OfflineBars.Print(ts, "7.25", "0.2")));

        List<String> closed = new ArrayList<>();
        for (WebSocketRecorder client : clients) {
            String bar = client.awaitText(text -> text.contains("\"closed\":true"), Duration.ofSeconds(15));
            closed.add(bar.substring(0, bar.indexOf(",\"time\":")));
        }
        assertThat(closed.get(0)).isEqualTo(closed.get(1)).isEqualTo("{\"type\":\"candle\",\"symbol\":\"EURUSD\","
                + "\"interval\":\"1s\",\"start\":" + (ts - ts % 1_000) + ",\"open\":7.5,\"high\":7.5,\"low\":7.25,"
                + "\"close\":7.25,\"volume\":0.3,\"trades\":2,\"closed\":true");
    }

    private GatewayFixture node(String uri) throws InterruptedException {
        RedisBus bus = keep(RedisBus.connect(uri, ChannelNames.defaults()));
        GatewayConfig config = GatewayFixture.config().build();
        return keep(GatewayFixture.start(config, bus));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }
}
