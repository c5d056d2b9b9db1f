package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.testkit.FreePorts;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.RespConnection;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishCommandTest {

    private static final String UPDATE = "{\"Aggregate\":{\"last_price\":1.0850}}";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.command("FLUSHALL");
    }

    @Test
    void shouldStoreTheExactNumberInTheStateWhenPublishingMarketData() {
        CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7", "--json", UPDATE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(redis.command("HGET", "tickstream:state:7", "Aggregate.last_price")).isEqualTo("1.0850");
        assertThat(run.out()).isEqualTo("published to tickstream:md:7\n");
    }

    @Test
    void shouldWarnWhenTheInstrumentIsNotInTheCatalogAndNotWhenItIs() {
        CliRun missing = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7", "--json", UPDATE);
        assertThat(missing.exitCode()).isZero();
        assertThat(missing.err()).startsWith("warning: instrument 7 is not in the catalog tickstream:instruments");

        redis.command("HSET", "tickstream:instruments", "7", "{\"id\":\"7\",\"name\":\"SEVEN\"}");
        CliRun present = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7", "--json", UPDATE);
        assertThat(present.exitCode()).isZero();
        assertThat(present.err()).isEmpty();
    }

    @Test
    void shouldDeliverThePayloadStampedWithSeqAndEpochWhenPublishingMarketData() throws IOException {
        try (RespConnection subscriber = redis.connect()) {
            subscribe(subscriber, "tickstream:md:7");

            CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7", "--json", UPDATE);

            assertThat(run.exitCode()).as(run.err()).isZero();
            List<Object> message = List.copyOf((List<?>) subscriber.read());
            assertThat(message.subList(0, 2)).containsExactly((Object) "message", "tickstream:md:7");
            assertThat((String) message.get(2)).matches("\\{\"seq\":1,\"epoch\":\"[0-9a-f]{16}\"," + Pattern.quote(UPDATE.substring(1)));
            assertThat(redis.command("HGET", "tickstream:state:7", "seq")).isEqualTo("1");
        }
    }

    @Test
    void shouldPublishOnTheAccountChannelAndKeepItInTheHistoryWhenTheKindIsAccount() throws IOException {
        String event = "{\"type\":\"balance\",\"data\":{\"balance\":1000.50}}";
        try (RespConnection subscriber = redis.connect()) {
            subscribe(subscriber, "desk:account:alice");

            CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--prefix", "desk", "--kind", "account",
                    "--account", "alice", "--json", event);

            assertThat(run.exitCode()).as(run.err()).isZero();
            List<Object> message = List.copyOf((List<?>) subscriber.read());
            assertThat(message.subList(0, 2)).containsExactly((Object) "message", "desk:account:alice");
            assertThat((String) message.get(2)).matches("\\{\"seq\":1,\"epoch\":\"[0-9a-f]{16}\"," + Pattern.quote(event.substring(1)));
            assertThat(redis.command("XLEN", "desk:history:account:alice")).isEqualTo("1");
        }
    }

    @Test
    void shouldExitWithCode2AndStoreNothingWhenTheUpdateIsMalformed() {
        CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7", "--json", "{\"Aggregate\":{");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tickstream: not valid JSON");
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(redis.command("EXISTS", "tickstream:state:7")).isEqualTo("0");
    }

    @Test
    void shouldExitWithCode2WhenTheUpdateNamesAnUnknownField() {
        CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--instrument", "7",
                "--json", "{\"Aggregate\":{\"last_pric\":1}}");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("last_pric");
        assertThat(redis.command("EXISTS", "tickstream:state:7")).isEqualTo("0");
    }

    @Test
    void shouldExitWithCode2WhenAnAccountEventNamesAnInstrument() {
        CliRun run = CliRun.of("publish", "--redis", redis.uri(), "--kind", "account", "--instrument", "7",
                "--json", "{}");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--kind account needs --account");
    }

    @Test
    void shouldExitWithCode1AndOneLineWhenRedisIsUnreachable() {
        CliRun run = CliRun.of("publish", "--redis", "redis://127.0.0.1:" + FreePorts.find(), "--instrument", "7",
                "--json", UPDATE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("tickstream: Unable to connect");
        assertThat(run.err().strip()).doesNotContain("\n");
    }

    private static void subscribe(RespConnection subscriber, String channel) throws IOException {
        subscriber.send("SUBSCRIBE", channel);
        assertThat(subscriber.read()).isEqualTo(List.of("subscribe", channel, 1L));
    }
}
