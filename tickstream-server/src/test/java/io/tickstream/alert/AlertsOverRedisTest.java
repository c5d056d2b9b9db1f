package io.tickstream.alert;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.ChannelNames;
import io.tickstream.config.GatewayConfig;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts on Redis with several gateway nodes: each firing published once, durable across restarts. */
class AlertsOverRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HISTORY = "tickstream:history:account:alice";

    private RedisServer redis;
    private RedisBus publisher;
    private final List<RedisBus> buses = new ArrayList<>();
    private final List<GatewayFixture> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        GatewayFixture.seedCatalog(redis);
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults());
    }

    @AfterEach
    void stop() {
        nodes.forEach(GatewayFixture::close);
        buses.forEach(RedisBus::close);
        publisher.close();
        redis.close();
    }

    private GatewayFixture node() throws InterruptedException {
        GatewayConfig config = GatewayFixture.config().build();
        RedisBus bus = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        buses.add(bus);
        GatewayFixture node = GatewayFixture.start(config, bus);
        nodes.add(node);
        return node;
    }

    private static WebSocketRecorder alice(GatewayFixture node, String since) {
        WebSocketRecorder client = WebSocketRecorder.connect(node.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"" + since + "}");
        assertThat(client.nextText()).contains("\"success\":true");
        return client;
    }

    private void bid(String bid) throws Exception {
        publisher.publisher().publishMarketData(GatewayFixture.EURUSD.id(),
                "{\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + "}}}}").toCompletableFuture().get();
    }

    private static String createCrossing(WebSocketRecorder client, String price) {
        client.sendText("{\"type\":\"alert_create\",\"symbol\":\"EURUSD\",\"field\":\"bid\","
                + "\"condition\":\"crosses_above\",\"price\":" + price + "}");
        Map<String, Object> reply = json(client.nextText());
        assertThat(reply).containsEntry("type", "alert_created");
        return (String) ((Map<?, ?>) reply.get("alert")).get("id");
    }

    private long published() {
        return nodes.stream().mapToLong(n -> n.gateway().alerts().meters().publishedFirings()).sum();
    }

    private long firedElsewhere() {
        return nodes.stream().mapToLong(n -> n.gateway().alerts().meters().firingsMadeElsewhere()).sum();
    }

    private void awaitEvaluatedEverywhere() {
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.gateway().alerts().active() == 1));
        await().atMost(WAIT).until(() -> redis.commandList("PUBSUB", "NUMSUB", "tickstream:md:1").get(1)
                .equals(Integer.toString(nodes.size())));
    }

    @Test
    void twoNodesEvaluatingOneAlertPublishItOnceAndSessionsOnBothGetItOnce() throws Exception {
        GatewayFixture a = node();
        GatewayFixture b = node();
        WebSocketRecorder onA = alice(a, "");
        WebSocketRecorder onB = alice(b, "");
        bid("1.0850");
        String id = createCrossing(onA, "1.0900");
        awaitEvaluatedEverywhere();

        bid("1.0899");
        bid("1.0900");
        await().atMost(WAIT).until(() -> published() == 1 && firedElsewhere() == 1);
        publisher.publisher().publishAccountEvent("alice", "{\"type\":\"notification\",\"data\":{\"sentinel\":1}}")
                .toCompletableFuture().get();

        for (WebSocketRecorder session : List.of(onA, onB)) {
            assertThat(session.nextText()).contains("\"event\":\"alert\"").contains("\"alertId\":\"" + id + "\"");
            assertThat(session.nextText()).contains("\"sentinel\":1");
        }
        assertThat(redis.command("XLEN", HISTORY)).isEqualTo("2");
        onA.close(1000, "done");
        onB.close(1000, "done");
    }

    @Test
    void alertsSurviveARestartOfEveryNodeAndStillFire() throws Exception {
        GatewayFixture first = node();
        WebSocketRecorder client = alice(first, "");
        bid("1.0850");
        String id = createCrossing(client, "1.0900");
        client.close(1000, "done");
        nodes.remove(first);
        first.close();
        buses.remove(0).close();

        GatewayFixture second = node();
        await().atMost(WAIT).until(() -> second.gateway().alerts().active() == 1);
        WebSocketRecorder again = alice(second, "");
        again.sendText("{\"type\":\"alert_list\"}");
        assertThat(again.nextText()).contains(id).contains("\"state\":\"active\"");
        awaitEvaluatedEverywhere();
        bid("1.0950");
        assertThat(again.nextText()).contains("\"event\":\"alert\"").contains(id);
        again.close(1000, "done");
    }

    @Test
    void anAccountThatWasOfflineRecoversTheTriggerWithSince() throws Exception {
        GatewayFixture a = node();
        WebSocketRecorder client = WebSocketRecorder.connect(a.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        Map<String, Object> auth = json(client.nextText());
        Map<?, ?> position = (Map<?, ?>) auth.get("account");
        bid("1.0850");
        String id = createCrossing(client, "1.0900");
        client.close(1000, "offline");
        awaitEvaluatedEverywhere();

        bid("1.0910");
        await().atMost(WAIT).until(() -> published() == 1);
        WebSocketRecorder back = alice(a, ",\"since\":{\"epoch\":\"" + position.get("epoch") + "\",\"seq\":"
                + position.get("seq") + "}");
        assertThat(back.nextText()).contains("\"event\":\"alert\"").contains(id).contains("\"value\":1.0910");
        back.close(1000, "done");
    }

    /**
     * The atomic firing script is what makes a firing happen once, even when a node dies between
     * deciding and publishing (the script runs whole or not at all): evaluators racing on one
     * crossing, through two connections, produce exactly one event per generation.
     */
    @Test
    void evaluatorsRacingOnOneCrossingPublishExactlyOneEventPerFiring() throws Exception {
        RedisBus one = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        RedisBus two = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        buses.add(one);
        buses.add(two);
        Alert alert = new Alert("race-1", "alice", "EURUSD", "1", AlertField.BID, AlertCondition.CROSSES_ABOVE,
                new BigDecimal("1.09"), false, 0, 0, null, null, System.currentTimeMillis());
        assertThat(one.alerts().create(alert, 10).toCompletableFuture().get()).isTrue();
        String event = AlertJson.event(alert, new BigDecimal("1.0900"), System.currentTimeMillis());

        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            for (long generation = 0; generation < 5; generation++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AlertStore.Firing>> firings = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    AlertStore store = (i % 2 == 0 ? one : two).alerts();
                    long seen = generation;
                    firings.add(racers.submit(() -> {
                        go.await();
                        return store.fire(alert, seen, event).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    }));
                }
                go.countDown();
                int fired = 0;
                for (Future<AlertStore.Firing> firing : firings) {
                    AlertStore.Firing outcome = firing.get(10, TimeUnit.SECONDS);
                    fired += outcome.fired() ? 1 : 0;
                    assertThat(outcome.status().fires()).isEqualTo(generation + 1);
                }
                assertThat(fired).isEqualTo(1);
            }
        } finally {
            racers.shutdownNow();
        }
        assertThat(redis.command("XLEN", HISTORY)).isEqualTo("5");
        AlertStore.Stored stored = two.alerts().get("alice", "race-1").toCompletableFuture().get();
        assertThat(stored.status().fires()).isEqualTo(5);
        assertThat(stored.status().state()).isEqualTo(AlertState.ACTIVE);

        Alert once = new Alert("race-2", "alice", "EURUSD", "1", AlertField.BID, AlertCondition.ABOVE,
                new BigDecimal("1"), true, 0, 0, null, null, System.currentTimeMillis());
        one.alerts().create(once, 10).toCompletableFuture().get();
        List<CompletableFuture<AlertStore.Firing>> both = List.of(
                one.alerts().fire(once, 0, event).toCompletableFuture(),
                two.alerts().fire(once, 0, event).toCompletableFuture());
        assertThat(both.stream().filter(f -> f.join().fired()).count()).isEqualTo(1);
        assertThat(both).allSatisfy(f -> assertThat(f.join().status().state()).isEqualTo(AlertState.TRIGGERED));
        assertThat(redis.command("XLEN", HISTORY)).isEqualTo("6");
    }

    @Test
    void aNodeThatMissedAFiringStillFiresALaterCrossingButNotTheSameOne() throws Exception {
        RedisBus one = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        buses.add(one);
        Alert alert = new Alert("stale-1", "alice", "EURUSD", "1", AlertField.BID, AlertCondition.CROSSES_ABOVE,
                new BigDecimal("1.09"), false, 0, 0, null, null, System.currentTimeMillis());
        one.alerts().create(alert, 10).toCompletableFuture().get();
        String event = AlertJson.event(alert, new BigDecimal("1.0900"), System.currentTimeMillis());
        assertThat(one.alerts().fire(alert, 0, event).toCompletableFuture().get().fired()).isTrue();
        AlertStore.Firing sameCrossing = one.alerts().fire(alert, 0, event).toCompletableFuture().get();
        assertThat(sameCrossing.fired()).isFalse();
        assertThat(sameCrossing.status().fires()).isEqualTo(1);

        // The first firing is older than SAME_CROSSING_MS: a node still at generation 0 sees a new crossing.
        redis.command("HSET", "tickstream:alerts:alice", "stale-1:fired",
                Long.toString(System.currentTimeMillis() - AlertStore.SAME_CROSSING_MS - 1_000));
        AlertStore.Firing later = one.alerts().fire(alert, 0, event).toCompletableFuture().get();
        assertThat(later.fired()).isTrue();
        assertThat(later.status().fires()).isEqualTo(2);
        assertThat(redis.command("XLEN", HISTORY)).isEqualTo("2");
    }

    @Test
    void theLimitCountsActiveAlertsOnlyAcrossNodes() throws Exception {
        RedisBus one = RedisBus.connect(redis.uri(), ChannelNames.defaults());
        buses.add(one);
        Alert first = new Alert("l-1", "alice", "EURUSD", "1", AlertField.BID, AlertCondition.ABOVE,
                new BigDecimal("1"), true, 0, 0, null, null, 1);
        Alert second = new Alert("l-2", "alice", "EURUSD", "1", AlertField.BID, AlertCondition.ABOVE,
                new BigDecimal("1"), true, 0, 0, null, null, 2);
        assertThat(one.alerts().create(first, 1).toCompletableFuture().get()).isTrue();
        assertThat(one.alerts().create(second, 1).toCompletableFuture().get()).isFalse();
        one.alerts().fire(first, 0, AlertJson.event(first, BigDecimal.ONE, 3)).toCompletableFuture().get();
        assertThat(one.alerts().create(second, 1).toCompletableFuture().get()).isTrue();
        assertThat(one.alerts().list("alice").toCompletableFuture().get())
                .extracting(s -> s.alert().id() + "=" + s.status().state())
                .containsExactly("l-1=TRIGGERED", "l-2=ACTIVE");
    }
}
