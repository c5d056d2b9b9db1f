package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.testkit.RedisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogAddCommandTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void shouldWriteTheInstrumentIntoTheCatalogHashWhenAdded() throws Exception {
        CliRun run = CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", "12345", "--name", "زعفران0412P01",
                "--depth", "5", "--description", "saffron");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(InstrumentJson.parse(redis.command("HGET", "tickstream:instruments", "12345")))
                .isEqualTo(new Instrument("12345", "زعفران0412P01", 5, "saffron"));
    }

    @Test
    void shouldExitWithCode2WhenTheDepthIsOutOfRange() {
        CliRun run = CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", "9", "--name", "X", "--depth", "21");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("depth must be 1..20");
        assertThat(redis.command("HEXISTS", "tickstream:instruments", "9")).isEqualTo("0");
    }

    @Test
    void shouldRefuseANameAnotherInstrumentHoldsExactlyOrAfterFoldingAndLeaveTheCatalogAsItWas() throws Exception {
        assertThat(CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", "1", "--name", "EURUSD").exitCode()).isZero();

        for (String taken : List.of("EURUSD", "eurusd", "ＥＵＲＵＳＤ")) {
            CliRun run = CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", "905", "--name", taken);
            assertThat(run.exitCode()).as(taken).isNotZero();
            assertThat(run.err()).as(taken).contains("held by instrument 1");
        }
        assertThat(redis.command("HEXISTS", "tickstream:instruments", "905")).isEqualTo("0");
        assertThat(CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", "1", "--name", "EURUSD", "--depth", "5")
                .exitCode()).as("an instrument may change under its own name").isZero();
    }

    @Test
    void shouldRefuseIdsAndNamesWithControlOrBidiCharactersLookAlikesOrExcessLengthWithCode2() {
        Map<String[], String> cases = Map.of(
                new String[] {"9\r\n1", "CRLF"}, "U+000D",
                new String[] {"x".repeat(10_000), "LONG"}, "at most 64",
                new String[] {"91", "EURUSD "}, "start or end with a space",
                new String[] {"92", "EUR\u200FUSD"}, "U+200F",
                new String[] {"93", "\u0415URUSD"}, "mixes Latin letters with Cyrillic");
        cases.forEach((args, reason) -> {
            CliRun run = CliRun.of("catalog", "add", "--redis", redis.uri(), "--id", args[0], "--name", args[1]);
            assertThat(run.exitCode()).as(reason).isEqualTo(2);
            assertThat(run.err()).as(reason).contains(reason);
            assertThat(redis.command("HEXISTS", "tickstream:instruments", args[0])).as(reason).isEqualTo("0");
        });
    }
}
