package io.tickstream.recovery;

import static io.tickstream.recovery.StreamSessions.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.redis.RedisBus;
import io.tickstream.testkit.RawWebSocket;
import io.tickstream.testkit.RedisServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resumes far larger than what a session may have queued ({@code maxQueuedEvents} of 64 here), over
 * a real Redis: a client that reads gets every missed trade, in order, then the live ones; a client
 * that stops reading is still a slow consumer.
 */
class PacedRecoveryOverRedisTest {

    private static final int MAX_QUEUED = 64;
    private static final int BACK = 1_000;
    private static final String PAD = "x".repeat(200);

    private RedisServer redis;
    private RedisBus nodeBus;
    private RedisBus publisher;
    private GatewayFixture node;
    private final List<Instrument> instruments = IntStream.rangeClosed(1, 20)
            .mapToObj(n -> new Instrument("9" + n, "PACE" + n)).toList();

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        GatewayFixture.seedCatalog(redis);
        for (Instrument instrument : instruments) {
            redis.command("HSET", "tickstream:instruments", instrument.id(), InstrumentJson.write(instrument));
        }
        HistoryLimits history = new HistoryLimits(5_000, Duration.ofMinutes(10));
        nodeBus = RedisBus.connect(redis.uri(), ChannelNames.defaults(), history);
        publisher = RedisBus.connect(redis.uri(), ChannelNames.defaults(), history);
        SessionLimits limits = SessionLimits.defaults();
        node = GatewayFixture.start(GatewayFixture.config()
                .limits(new SessionLimits(limits.authTimeout(), limits.maxSubscriptions(), 1_000, MAX_QUEUED))
                .build(), nodeBus);
    }

    @AfterEach
    void stop() {
        node.close();
        nodeBus.close();
        publisher.close();
        redis.close();
    }

    @Test
    void shouldRecoverSevenStreamsOfAThousandCompletelyAndInOrderForAClientThatReads() {
        List<Instrument> streams = instruments.subList(0, 7);
        Map<Instrument, String> epochs = publish(streams, 1, BACK + 1);
        StreamSessions.Joined joined = StreamSessions.json(node, null);
        joined.client().sendText(subscribe(streams, epochs, 1));
        assertRecovered(GatewayFixture.json(joined.client().nextText(WAIT)), streams);

        Map<String, List<Long>> seen = new HashMap<>();
        read(() -> joined.client().nextText(WAIT), streams.size() * BACK, seen);
        publish(streams, BACK + 2, BACK + 2);
        read(() -> joined.client().nextText(WAIT), streams.size(), seen);

        assertEveryTrade(streams, seen, BACK + 2);
        assertThat(node.gateway().hub().outboxMeters().slowConsumerDisconnects()).isZero();
    }

    @Test
    void shouldRecoverTwentyStreamsOfAThousandWhenMoreLiveTradesComeThanTheSessionMayHold() throws Exception {
        int live = 100;
        Map<Instrument, String> epochs = publish(instruments, 1, BACK + 1);
        try (RawWebSocket client = slowSocket()) {
            client.sendText(subscribe(instruments, epochs, 1));
            assertRecovered(GatewayFixture.json(client.read(WAIT).text()), instruments);
            publish(instruments, BACK + 2, BACK + 1 + live);

            Map<String, List<Long>> seen = new HashMap<>();
            read(() -> client.read(WAIT).text(), instruments.size() * (BACK + live), seen);
            assertEveryTrade(instruments, seen, BACK + 1 + live);
        }
        assertThat(node.gateway().hub().recoveryMeters().trades().extendedReplays())
                .as("live trades past what a session holds were read from the history instead").isPositive();
        assertThat(node.gateway().hub().outboxMeters().slowConsumerDisconnects()).isZero();
    }

    @Test
    void shouldStillCloseAClientThatStopsReadingMidReplayAsASlowConsumer() throws Exception {
        List<Instrument> streams = instruments.subList(0, 7);
        Map<Instrument, String> epochs = publish(streams, 1, BACK + 1);
        try (RawWebSocket client = slowSocket()) {
            client.sendText(subscribe(streams, epochs, 1));
            long before = node.gateway().hub().outboxMeters().slowConsumerDisconnects();
            int next = BACK + 2;
            Instant deadline = Instant.now().plus(WAIT);
            while (node.gateway().hub().outboxMeters().slowConsumerDisconnects() == before) {
                assertThat(Instant.now()).as("a slow-consumer close within " + WAIT).isBefore(deadline);
                publish(streams.subList(0, 1), next, next + 9);
                next += 10;
                Thread.sleep(20);
            }
        }
    }

    /** An authenticated JSON session over a socket with a small receive buffer, read only when the test reads it. */
    private RawWebSocket slowSocket() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", node.uri("/").getPort()));
        RawWebSocket client = RawWebSocket.over(socket, "127.0.0.1", "/", "13", Map.of());
        client.read(WAIT);
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(client.read(WAIT).text()).contains("\"success\":true");
        return client;
    }

    private static void assertRecovered(Map<String, Object> reply, List<Instrument> streams) {
        assertThat(reply).containsEntry("type", "subscribed");
        Map<String, Object> recovered = StreamSessions.position(reply, "recovered");
        streams.forEach(instrument -> assertThat(recovered).containsEntry(instrument.name(), true));
    }

    /** Reads {@code count} trades (and nothing else) into their symbols' seq lists. */
    private static void read(Supplier<String> next, int count, Map<String, List<Long>> seen) {
        for (int n = 0; n < count; n++) {
            Map<String, Object> message = GatewayFixture.json(next.get());
            assertThat(message.get("type")).as("no gap, no error after " + n + " trades: " + message).isEqualTo("trade");
            seen.computeIfAbsent((String) message.get("symbol"), s -> new ArrayList<>())
                    .add(((Number) message.get("seq")).longValue());
        }
    }

    private static void assertEveryTrade(List<Instrument> streams, Map<String, List<Long>> seen, int through) {
        List<Long> all = LongStream.rangeClosed(2, through).boxed().toList();
        for (Instrument instrument : streams) {
            assertThat(seen.get(instrument.name())).as(instrument.name() + ": every trade after since, in order, once")
                    .isEqualTo(all);
        }
    }

    private static String subscribe(List<Instrument> streams, Map<Instrument, String> epochs, long since) {
        String symbols = streams.stream().map(i -> "\"" + i.name() + "\"").collect(Collectors.joining(","));
        String positions = streams.stream()
                .map(i -> "\"" + i.name() + "\":{\"epoch\":\"" + epochs.get(i) + "\",\"seq\":" + since + "}")
                .collect(Collectors.joining(","));
        return "{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[" + symbols + "],\"since\":{" + positions + "}}";
    }

    /** Publishes trades numbered {@code from..to} on every stream (seq equals the number) and returns the epochs. */
    private Map<Instrument, String> publish(List<Instrument> streams, int from, int to) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            for (Instrument instrument : streams) {
                sent.add(publisher.publisher().publishTrade(instrument.id(), "{\"price\":1.0851,\"quantity\":" + n
                        + ",\"side\":\"buy\",\"tradeId\":\"" + PAD + "\"}").toCompletableFuture());
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        Map<Instrument, String> epochs = new LinkedHashMap<>();
        for (Instrument instrument : streams) {
            epochs.put(instrument, publisher.history(BusChannel.TRADES, instrument.id(), null, -1)
                    .toCompletableFuture().join().position().epoch());
        }
        return epochs;
    }
}
