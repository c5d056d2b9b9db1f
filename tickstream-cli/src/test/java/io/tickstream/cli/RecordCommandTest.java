package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.InProcessBus;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code tickstream record} in a child JVM, stopped by a signal like Ctrl-C. */
class RecordCommandTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final int TRADES = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final InProcessBus bus = new InProcessBus(List.of(EURUSD));
    private Gateway gateway;
    private Process process;

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).simulatorRate(0)
                .apiKey(ApiKey.plain("k", new Principal("alice", InstrumentScope.all(), true, 0))).build(), bus);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        gateway.close();
    }

    @Test
    void shouldCommitEveryMessageItPrintedWhenInterruptedBeforeAnyCommit() throws Exception {
        Path db = dir.resolve("trades.db");
        // No commit can happen on its own during the test: only the signal's flush writes the rows.
        process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                TickstreamCommand.class.getName(), "record", "ws://127.0.0.1:" + gateway.port() + "/",
                "--api-key", "k", "--symbols", "EURUSD", "--channels", "trades", "--db", db.toString(), "--print",
                "--flush-interval-ms", "600000", "--batch-size", "1000000")
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        BlockingQueue<String> lines = ProcessLines.of(process, "record-stdout");

        assertThat(next(lines)).startsWith("Recording EURUSD (trades) from ws://127.0.0.1:");
        // The banner comes before the subscription is made: a trade published earlier would reach no one.
        await().atMost(WAIT).until(() -> gateway.hub().activeInstruments() == 1);
        for (int i = 0; i < TRADES; i++) {
            bus.publishTrade(EURUSD.id(), "{\"price\":1.0" + (8500 + i) + ",\"quantity\":" + (i + 1)
                    + ",\"side\":\"buy\",\"tradeId\":\"t-" + i + "\"}");
        }
        List<String> printed = new ArrayList<>();
        while (printed.size() < TRADES) {
            printed.add(next(lines));
        }
        assertThat(Recordings.count(db, "SELECT count(*) FROM trades")).as("committed before the signal").isZero();

        interrupt(process);

        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after the signal").isTrue();
        assertThat(next(lines)).startsWith("Recorded " + TRADES + " messages into " + db).endsWith(TRADES + " trades");
        assertThat(Recordings.strings(db, "SELECT json FROM trades ORDER BY seq")).containsExactlyElementsOf(printed);
        assertThat(Recordings.strings(db, "SELECT trade_id FROM trades ORDER BY seq").get(TRADES - 1)).isEqualTo("t-" + (TRADES - 1));
        assertThat(Recordings.strings(db, "SELECT price FROM trades WHERE trade_id = 't-0'")).containsExactly("1.08500");
    }

    /** SIGINT, as Ctrl-C sends; SIGTERM when the JVM was started with SIGINT ignored (some CI shells). */
    private static void interrupt(Process process) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            System.err.println("record ignored SIGINT (inherited SIG_IGN?); sending SIGTERM");
            process.destroy();
        }
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("a line from tickstream record within " + WAIT).isNotNull();
        return line;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
