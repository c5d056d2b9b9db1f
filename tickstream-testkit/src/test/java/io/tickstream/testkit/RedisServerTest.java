package io.tickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    private static final String SAFFRON = "زعفران";

    @Test
    void shouldAnswerPingWhenStarted() {
        try (RedisServer redis = RedisServer.start()) {
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(redis.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void shouldRoundTripPersianTextByteExactlyWhenSetThenGet() {
        try (RedisServer redis = RedisServer.start()) {
            assertThat(redis.command("SET", "name:" + SAFFRON, SAFFRON)).isEqualTo("OK");

            assertThat(redis.command("GET", "name:" + SAFFRON)).isEqualTo(SAFFRON);
            assertThat(redis.command("STRLEN", "name:" + SAFFRON))
                    .isEqualTo(Integer.toString(SAFFRON.getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void shouldReturnNullWhenKeyMissing() {
        try (RedisServer redis = RedisServer.start()) {
            assertThat(redis.command("GET", "missing")).isNull();
        }
    }

    @Test
    void shouldRenderArrayReplyWhenHashRead() {
        try (RedisServer redis = RedisServer.start()) {
            assertThat(redis.command("HSET", "tickstream:instruments", "1", "{\"name\":\"" + SAFFRON + "\"}", "2", "{}"))
                    .isEqualTo("2");

            assertThat(redis.commandList("HGETALL", "tickstream:instruments"))
                    .containsExactly("1", "{\"name\":\"" + SAFFRON + "\"}", "2", "{}");
        }
    }

    @Test
    void shouldListChannelAndDeliverMessageWhenSubscribed() throws IOException {
        try (RedisServer redis = RedisServer.start(); RespConnection subscriber = redis.connect()) {
            assertThat(subscriber.call("SUBSCRIBE", "quotes")).isEqualTo(List.of("subscribe", "quotes", 1L));

            assertThat(redis.commandList("PUBSUB", "CHANNELS", "*")).containsExactly("quotes");
            assertThat(redis.command("PUBLISH", "quotes", SAFFRON)).isEqualTo("1");
            assertThat(subscriber.read()).isEqualTo(List.of("message", "quotes", SAFFRON));
        }
    }

    @Test
    void shouldThrowRedisErrorWhenCommandUnknown() {
        try (RedisServer redis = RedisServer.start()) {
            assertThatThrownBy(() -> redis.command("NO-SUCH-COMMAND"))
                    .isInstanceOf(RespException.class)
                    .hasMessageStartingWith("ERR");
        }
    }

    @Test
    void shouldRefuseConnectionsWhenStopped() {
        try (RedisServer redis = RedisServer.start()) {
            redis.stop();

            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> connectTo(redis.port())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void shouldServeOnSamePortWithNoDataWhenRestarted() {
        try (RedisServer redis = RedisServer.start()) {
            int port = redis.port();
            redis.command("SET", "kept", "no");

            redis.restart();

            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("GET", "kept")).isNull();
        }
    }

    @Test
    void shouldServeAgainWhenRestartedAfterStop() {
        try (RedisServer redis = RedisServer.start()) {
            redis.stop();

            redis.restart();

            assertThat(redis.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void shouldAnswerPingWhenRunningTheBinaryShippedInTheJar() throws IOException {
        RedisBinary shipped = RedisBinary.embedded();

        try (RedisServer redis = RedisServer.start(shipped)) {
            assertThat(shipped.version()).startsWith("Redis server v=");
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("SET", "k", SAFFRON)).isEqualTo("OK");
            assertThat(redis.command("GET", "k")).isEqualTo(SAFFRON);
        }
    }

    private static void connectTo(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
