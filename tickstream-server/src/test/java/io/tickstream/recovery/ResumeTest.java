package io.tickstream.recovery;

import static io.tickstream.recovery.StreamSessions.position;
import static io.tickstream.recovery.StreamSessions.readThrough;
import static io.tickstream.recovery.StreamSessions.seqs;
import static io.tickstream.recovery.StreamSessions.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.InProcessBus;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resuming a trade or account stream with {@code since}, on a bus that keeps the last 5 messages of each. */
class ResumeTest {

    private final InProcessBus bus = new InProcessBus(GatewayFixture.CATALOG, new HistoryLimits(5, Duration.ofMinutes(10)));
    private GatewayFixture node;

    @BeforeEach
    void start() throws Exception {
        node = GatewayFixture.start(GatewayFixture.config().build(), bus);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void shouldSendWhatWasMissedBeforeLiveTradesWhenTheHistoryHoldsIt() {
        String epoch = epochAfter(10);
        WebSocketRecorder client = StreamSessions.json(node, null).client();

        Map<String, Object> reply = StreamSessions.subscribeTrades(client, "{\"EURUSD\":{\"epoch\":\"" + epoch + "\",\"seq\":7}}");
        assertThat(position(reply, "streams", "EURUSD")).containsEntry("epoch", epoch).containsEntry("seq", new BigDecimal(10));
        assertThat(position(reply, "recovered")).containsEntry("EURUSD", true);
        trade(11);
        assertThat(seqs(readThrough(client, text -> text.contains("\"quantity\":11,")), "trade")).containsExactly(8L, 9L, 10L, 11L);
    }

    @Test
    void shouldResumeWhenSinceSpellsTheSymbolAsTheSubscribeDid() {
        String epoch = epochAfter(4);
        WebSocketRecorder client = StreamSessions.json(node, null).client();

        client.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[\"eurusd\"],"
                + "\"since\":{\"eurusd\":{\"epoch\":\"" + epoch + "\",\"seq\":3}}}");
        Map<String, Object> reply = GatewayFixture.json(client.nextText());
        assertThat(position(reply, "recovered")).containsEntry("EURUSD", true);
        trade(5);
        assertThat(seqs(readThrough(client, text -> text.contains("\"quantity\":5,")), "trade")).containsExactly(4L, 5L);
    }

    @Test
    void shouldAnswerNotRecoveredAndStreamFromNowWhenSinceIsOlderThanTheHistory() {
        String epoch = epochAfter(10);
        WebSocketRecorder client = StreamSessions.json(node, null).client();

        Map<String, Object> reply = StreamSessions.subscribeTrades(client, "{\"EURUSD\":{\"epoch\":\"" + epoch + "\",\"seq\":2}}");
        assertThat(position(reply, "recovered")).containsEntry("EURUSD", false);
        trade(11);
        assertThat(seqs(readThrough(client, text -> text.contains("\"quantity\":11,")), "trade")).containsExactly(11L);
    }

    @Test
    void shouldAnswerNotRecoveredWhenTheEpochIsStale() {
        epochAfter(3);
        WebSocketRecorder client = StreamSessions.json(node, null).client();

        Map<String, Object> reply = StreamSessions.subscribeTrades(client, "{\"EURUSD\":{\"epoch\":\"0123456789abcdef\",\"seq\":2}}");
        assertThat(position(reply, "recovered")).containsEntry("EURUSD", false);
        assertThat(position(reply, "streams", "EURUSD")).containsEntry("seq", new BigDecimal(3));
    }

    @Test
    void shouldReplayTheAccountsMissedEventsAfterTheAuthReplyWhenResumingWithSince() {
        StreamSessions.Joined first = StreamSessions.json(node, null);
        Map<String, Object> start = position(first.reply(), "account");
        first.client().close(1000, "away");
        for (int n = 1; n <= 3; n++) {
            event(n);
        }

        StreamSessions.Joined back = StreamSessions.json(node, since(start, ((Number) start.get("seq")).longValue()));
        assertThat(back.reply()).containsEntry("recovered", true);
        assertThat(position(back.reply(), "account")).containsEntry("seq", new BigDecimal(3));
        event(4);
        assertThat(seqs(readThrough(back.client(), text -> text.contains("\"n\":4}")), "account")).containsExactly(1L, 2L, 3L, 4L);

        StreamSessions.Joined stale = StreamSessions.json(node, "{\"epoch\":\"0123456789abcdef\",\"seq\":1}");
        assertThat(stale.reply()).containsEntry("recovered", false);
    }

    @Test
    void shouldTellOfTheGapThenGoOnWhenTheBusSkipsMessagesTheHistoryNoLongerHas() {
        String epoch = epochAfter(1);
        WebSocketRecorder client = StreamSessions.json(node, null).client();
        StreamSessions.subscribeTrades(client, null);

        bus.publishRaw(BusChannel.TRADES, "1", "{\"seq\":1,\"epoch\":\"" + epoch + "\",\"price\":1,\"quantity\":1,\"side\":\"buy\"}");
        bus.publishRaw(BusChannel.TRADES, "1", "{\"seq\":9,\"epoch\":\"" + epoch + "\",\"price\":1,\"quantity\":9,\"side\":\"buy\"}");
        bus.publishRaw(BusChannel.TRADES, "1", "{\"seq\":10,\"epoch\":\"" + epoch + "\",\"price\":1,\"quantity\":10,\"side\":\"buy\"}");

        List<String> seen = readThrough(client, text -> text.contains("\"quantity\":10,"));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEqualTo("{\"type\":\"gap\",\"channel\":\"trades\",\"symbol\":\"EURUSD\",\"epoch\":\"" + epoch + "\",\"seq\":8}");
        assertThat(seqs(seen, "trade")).as("the duplicate of seq 1 dropped, the print past the hole kept").containsExactly(9L, 10L);
    }

    /** Publishes {@code count} trades of EURUSD and returns their epoch. */
    private String epochAfter(int count) {
        for (int n = 1; n <= count; n++) {
            trade(n);
        }
        return bus.history(BusChannel.TRADES, "1", null, -1).toCompletableFuture().join().position().epoch();
    }

    private void trade(int n) {
        bus.publishTrade("1", "{\"price\":1.0851,\"quantity\":" + n + ",\"side\":\"buy\"}").toCompletableFuture().join();
    }

    private void event(int n) {
        bus.publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"n\":" + n + "}}").toCompletableFuture().join();
    }
}
