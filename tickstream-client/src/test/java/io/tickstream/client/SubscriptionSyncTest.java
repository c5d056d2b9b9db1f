package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.StreamPosition;
import io.tickstream.client.message.SubscriptionReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SubscriptionSyncTest {

    private final StreamPositions positions = new StreamPositions();
    private final SubscriptionSync sync = new SubscriptionSync(positions, true);

    @Test
    void shouldBatchTopicsPerChannelAndDepthWhenSending() {
        sync.want(List.of(new Topic("A", Channel.TICK, 0), new Topic("B", Channel.TICK, 0),
                new Topic("C", Channel.BOOK, 3), new Topic("D", Channel.TICK, 0)));

        assertThat(drain()).containsExactly(
                "{\"type\":\"subscribe\",\"symbols\":[\"A\",\"B\",\"D\"],\"channel\":\"tick\"}",
                "{\"type\":\"subscribe\",\"symbols\":[\"C\"],\"channel\":\"book\",\"depth\":3}");
    }

    @Test
    void shouldResubscribeEverythingWhenTheConnectionWasLost() {
        sync.want(List.of(new Topic("A", Channel.TRADES, 0)));
        drain();
        sync.replied(new SubscriptionReply("subscribed", List.of("A"), "trades", 1, Map.of(), Map.of()));

        sync.disconnected();

        assertThat(drain()).containsExactly("{\"type\":\"subscribe\",\"symbols\":[\"A\"],\"channel\":\"trades\"}");
    }

    @Test
    void shouldResendOnlyUnconfirmedRequestsWhenARateLimitPauseEnds() {
        sync.want(List.of(new Topic("A", Channel.TICK, 0)));
        drain();
        sync.want(List.of(new Topic("B", Channel.STATE, 0)));
        drain();
        sync.replied(new SubscriptionReply("subscribed", List.of("A"), null, 1, Map.of(), Map.of()));

        sync.retryUnconfirmed();

        assertThat(drain()).containsExactly("{\"type\":\"subscribe\",\"symbols\":[\"B\"],\"channel\":\"state\",\"delta\":true}");
    }

    @Test
    void shouldAskForStateDeltasOnlyWhenBuiltWithThem() {
        SubscriptionSync fullStates = new SubscriptionSync(positions, false);
        fullStates.want(List.of(new Topic("A", Channel.STATE, 0)));

        assertThat(fullStates.next()).isEqualTo("{\"type\":\"subscribe\",\"symbols\":[\"A\"],\"channel\":\"state\"}");
        assertThat(fullStates.next()).isNull();
    }

    @Test
    void shouldSendAConfirmedStateSubscriptionAgainWhenAskedToResubscribeIt() {
        sync.want(List.of(new Topic("eurusd", Channel.STATE, 0), new Topic("B", Channel.STATE, 0)));
        drain();
        sync.replied(new SubscriptionReply("subscribed", List.of("EURUSD", "B"), "state", 2, Map.of(), Map.of()));

        sync.resubscribe(Channel.STATE, "EURUSD");
        sync.resubscribe(Channel.STATE, "UNKNOWN");

        assertThat(drain()).containsExactly("{\"type\":\"subscribe\",\"symbols\":[\"eurusd\"],\"channel\":\"state\",\"delta\":true}");
    }

    @Test
    void shouldConfirmCaseInsensitivelyAndUnsubscribeWhenNoLongerWanted() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sync.want(List.of(new Topic("eurusd", Channel.TICK, 0)));
        sync.await(List.of(new Topic.Key("eurusd", Channel.TICK)), done);
        drain();

        sync.replied(new SubscriptionReply("subscribed", List.of("EURUSD"), null, 1, Map.of(), Map.of()));
        sync.unwant(List.of(new Topic.Key("eurusd", Channel.TICK)));

        assertThat(done).isCompleted();
        assertThat(drain()).containsExactly("{\"type\":\"unsubscribe\",\"symbols\":[\"eurusd\"],\"channel\":\"tick\"}");
        assertThat(sync.topics()).isEmpty();
    }

    @Test
    void shouldFailTheWaiterAndDropTheTopicWhenTheServerRejectsTheSymbol() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sync.want(List.of(new Topic("NOPE", Channel.TICK, 0)));
        sync.await(List.of(new Topic.Key("NOPE", Channel.TICK)), done);
        drain();

        assertThat(sync.rejected("NOPE", new TickstreamException("Unknown symbol: NOPE"))).isTrue();

        assertThat(done).isCompletedExceptionally();
        assertThat(sync.topics()).isEmpty();
        assertThat(drain()).isEmpty();
    }

    @Test
    void shouldResumeTheTradeStreamsWithAKnownPositionWhenResubscribingAfterALoss() {
        sync.want(List.of(new Topic("A", Channel.TRADES, 0), new Topic("B", Channel.TRADES, 0), new Topic("A", Channel.TICK, 0)));
        drain();
        positions.set(StreamId.trades("A"), new StreamPosition("E", 41));

        sync.disconnected();

        assertThat(drain()).containsExactly(
                "{\"type\":\"subscribe\",\"symbols\":[\"A\",\"B\"],\"channel\":\"trades\","
                        + "\"since\":{\"A\":{\"epoch\":\"E\",\"seq\":41}}}",
                "{\"type\":\"subscribe\",\"symbols\":[\"A\"],\"channel\":\"tick\"}");
    }

    @Test
    void shouldNotResumeATradeStreamWhenOnlyItsEpochIsKnown() {
        positions.set(StreamId.trades("A"), new StreamPosition("E", Sequenced.NO_SEQ));

        sync.want(List.of(new Topic("A", Channel.TRADES, 0)));

        assertThat(drain()).containsExactly("{\"type\":\"subscribe\",\"symbols\":[\"A\"],\"channel\":\"trades\"}");
    }

    private List<String> drain() {
        List<String> sent = new ArrayList<>();
        for (String next = sync.next(); next != null; next = sync.next()) {
            sent.add(next);
        }
        return sent;
    }
}
