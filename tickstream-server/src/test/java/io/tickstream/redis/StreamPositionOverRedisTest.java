package io.tickstream.redis;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.WebSocketRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The position of a stream that was only read is not kept for good in Redis; a stream's first message keeps it. */
class StreamPositionOverRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ACCOUNT_HASH = "tickstream:stream:account:alice";

    @RegisterExtension
    static final GatewayExtension.OverRedis gateway = GatewayExtension.overRedis();

    @Test
    void shouldLetTheHashOfAnAccountThatNeverGetsAnEventExpireAndKeepItFromTheFirstEventOn() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        assertThat(json(client.awaitText(text -> text.contains("\"auth\""), WAIT))).containsKey("account");

        long ttl = Long.parseLong(gateway.redis().command("PTTL", ACCOUNT_HASH));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toMillis());

        gateway.publisher().publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"currency\":\"USD\"}}")
                .toCompletableFuture().get();
        client.awaitText(text -> text.contains("\"balance\""), WAIT);
        assertThat(gateway.redis().command("PTTL", ACCOUNT_HASH)).isEqualTo("-1");
    }
}
