package io.tickstream.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.testkit.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account policy's {@code maxRate} caps what a client asks for, and applies when it asks for nothing. */
class MaxRateCapTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config ->
            config.account("alice", new AccountPolicy(InstrumentScope.all(), true, 100, 5)));

    @Test
    void shouldCapTheRateAClientAsksForAndThinOneThatAsksForNone() throws Exception {
        WebSocketRecorder greedy = MaxRateTest.json(gateway);
        greedy.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"],\"maxRate\":1000}");
        assertThat(GatewayFixture.json(greedy.nextText())).containsEntry("type", "subscribed");
        WebSocketRecorder silent = MaxRateTest.json(gateway);
        silent.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
        assertThat(GatewayFixture.json(silent.nextText())).containsEntry("type", "subscribed");

        long elapsedMillis = MaxRateTest.publishChanges(gateway);

        String last = "\"bid\":" + MaxRateTest.bid(MaxRateTest.CHANGES - 1) + ",";
        long periods = elapsedMillis / 200 + 2;
        assertThat(MaxRateTest.countThrough(greedy, last)).isBetween(5, (int) periods + 1);
        assertThat(MaxRateTest.countThrough(silent, last)).isBetween(5, (int) periods + 1);
    }
}
