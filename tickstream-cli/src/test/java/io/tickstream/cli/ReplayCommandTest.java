package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.Channel;
import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheRecordedPacingDividedBySpeedWhenReplayingAtASpeed() throws Exception {
        Path db = recording(0, 400, 800, 1200);
        StringWriter out = new StringWriter();
        ReplayCommand replay = parse(out, "replay", db.toString(), "--serve", "--port", "0", "--host", "127.0.0.1",
                "--demo-key", "k", "--speed", "4");
        try (ReplayTarget target = replay.openTarget()) {
            Replayer.Summary summary = replay.replayInto(target);

            assertThat(summary.published()).containsEntry("ticks", 4L);
            assertThat(summary.elapsed()).isBetween(Duration.ofMillis(280), Duration.ofMillis(1100));
        }
        assertThat(out.toString()).contains("Replayed 4 messages from " + db, "4 ticks");
    }

    @Test
    void shouldNotWaitWhenReplayingAsFastAsPossible() throws Exception {
        Path db = recording(0, 2000, 4000, 60000);
        ReplayCommand replay = parse(new StringWriter(), "replay", db.toString(), "--serve", "--port", "0",
                "--host", "127.0.0.1", "--as-fast-as-possible");
        try (ReplayTarget target = replay.openTarget()) {
            assertThat(replay.replayInto(target).elapsed()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldTakeDemoInstrumentsByNameElseMakeOneWhenBuildingTheServedCatalog() {
        ReplayPlan plan = new ReplayPlan(java.util.Map.of("EURUSD", "ticks", "زعفران0412P01", "states", "FOO", "books"),
                java.util.Set.of(), java.util.Map.of("FOO", 5));

        assertThat(ReplayCatalog.forServe(plan)).extracting(Instrument::id, Instrument::name, Instrument::depth)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("EURUSD", "EURUSD", 3),
                        org.assertj.core.groups.Tuple.tuple("12345", "زعفران0412P01", 3),
                        org.assertj.core.groups.Tuple.tuple("FOO", "FOO", 5));
    }

    @Test
    void shouldPublishIntoRedisAndAddMissingInstrumentsWhenReplayingToRedis() throws Exception {
        Path db = recording(0, 10);
        try (RedisServer redis = RedisServer.start();
             Gateway gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0)
                     .redisUri(redis.uri()).catalogRefresh(Duration.ofMillis(100)).apiKey(DemoKey.apiKey("k")).build());
             TickstreamClient client = TickstreamClient.builder()
                     .uri("ws://127.0.0.1:" + gateway.port() + "/").apiKey("k").build()) {
            CliRun firstRun = CliRun.of("replay", db.toString(), "--redis", redis.uri(), "--as-fast-as-possible");
            assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
            assertThat(firstRun.out()).contains("added instrument EURUSD (EURUSD)", "added instrument REPLAYED (REPLAYED)");

            await().atMost(WAIT).until(() -> gateway.catalog().byName("REPLAYED").isPresent());
            client.connect();
            MessageStream<Tick> ticks = client.ticks("REPLAYED").stream();
            MessageStream<Trade> trades = client.trades("REPLAYED").stream();
            client.subscribe(Channel.TRADES, "REPLAYED").get(10, TimeUnit.SECONDS);
            assertThat(ticks.poll(WAIT).bid()).as("the stored state, served late").isEqualTo(new BigDecimal("2.00010"));

            CliRun secondRun = CliRun.of("replay", db.toString(), "--redis", redis.uri(), "--as-fast-as-possible");
            assertThat(secondRun.out()).doesNotContain("added instrument").contains("Replayed 4 messages");
            assertThat(trades.poll(WAIT).price()).isEqualTo(new BigDecimal("2.5"));
            ticks.close();
            trades.close();
        }
    }

    private static ReplayCommand parse(StringWriter out, String... args) {
        CommandLine commandLine = TickstreamCommand.newCommandLine().setOut(new PrintWriter(out, true));
        commandLine.parseArgs(args);
        return commandLine.getSubcommands().get("replay").getCommand();
    }

    /** A recording of EURUSD ticks received at the given offsets (ms), plus a REPLAYED tick and trade. */
    private Path recording(long... offsets) throws Exception {
        Path db = dir.resolve("r" + offsets.length + ".db");
        RecordingWriter writer = RecordingWriter.open(db, 5, 100, Duration.ofMillis(10));
        long seq = writer.firstSeq();
        long origin = 1_709_742_000_000L;
        for (int i = 0; i < offsets.length; i++) {
            String symbol = i == offsets.length - 1 && offsets.length < 4 ? "REPLAYED" : "EURUSD";
            String json = "{\"type\":\"tick\",\"symbol\":\"" + symbol + "\",\"bid\":" + (i + 1) + ".00010,\"ask\":"
                    + (i + 1) + ".00020,\"time\":" + (origin + offsets[i]) + "}";
            writer.add(new RecordedMessage(seq++, origin + offsets[i], MessageParser.parse(json), json));
        }
        if (offsets.length < 4) {
            String json = "{\"type\":\"trade\",\"symbol\":\"REPLAYED\",\"price\":2.5,\"quantity\":3,\"side\":\"sell\",\"time\":1}";
            writer.add(new RecordedMessage(seq++, origin + 20, MessageParser.parse(json), json));
            json = "{\"type\":\"account\",\"event\":\"notification\",\"data\":{\"level\":\"info\",\"message\":\"hi\"},\"time\":2}";
            writer.add(new RecordedMessage(seq, origin + 30, MessageParser.parse(json), json));
        }
        assertThat(writer.close()).isNotEmpty();
        assertThat(List.of(db.toFile().exists())).containsExactly(true);
        return db;
    }
}
