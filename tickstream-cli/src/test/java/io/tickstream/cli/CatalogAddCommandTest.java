package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.testkit.RedisServer;
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
}
