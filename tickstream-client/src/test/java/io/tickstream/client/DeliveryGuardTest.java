package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.AuthResult;
import io.tickstream.client.message.Balance;
import io.tickstream.client.message.Gap;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.StreamPosition;
import io.tickstream.client.message.SubscriptionReply;
import io.tickstream.client.message.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryGuardTest {

    private final StreamPositions positions = new StreamPositions();
    private final List<StreamBreak> breaks = new ArrayList<>();
    private final DeliveryGuard guard = new DeliveryGuard(positions, breaks::add);

    @Test
    void shouldDropATradeWhoseSeqIsNotAboveTheLastOneWhenItArrivesAgain() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());

        assertThat(guard.admit(trade("BTC", 11))).isTrue();
        assertThat(guard.admit(trade("BTC", 12))).isTrue();
        assertThat(guard.admit(trade("BTC", 12))).isFalse();
        assertThat(guard.admit(trade("BTC", 9))).isFalse();
        assertThat(guard.admit(trade("ETH", 1))).as("another stream").isTrue();

        assertThat(guard.duplicates()).isEqualTo(2);
        assertThat(positions.resumePoint(StreamId.trades("BTC"))).isEqualTo(new StreamPosition("E", 12));
    }

    @Test
    void shouldDeliverEveryMessageWhenItCarriesNoSeq() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());

        assertThat(guard.admit(trade("BTC", Sequenced.NO_SEQ))).isTrue();
        assertThat(guard.admit(trade("BTC", Sequenced.NO_SEQ))).isTrue();
        assertThat(guard.admit(balance(Sequenced.NO_SEQ))).isTrue();

        assertThat(positions.resumePoint(StreamId.trades("BTC"))).isEqualTo(new StreamPosition("E", 10));
    }

    @Test
    void shouldDeliverTheRecoveredTradesWhenTheReplySaysRecovered() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());
        guard.admit(trade("BTC", 11));

        subscribed(Map.of("BTC", new StreamPosition("E", 14)), Map.of("BTC", true));

        assertThat(List.of(guard.admit(trade("BTC", 12)), guard.admit(trade("BTC", 13)), guard.admit(trade("BTC", 14)),
                guard.admit(trade("BTC", 15)))).containsOnly(true);
        assertThat(breaks).isEmpty();
    }

    @Test
    void shouldGoOnFromTheLatestPositionAndReportWhenTheReplySaysNotRecovered() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());

        subscribed(Map.of("BTC", new StreamPosition("F", 3)), Map.of("BTC", false));

        assertThat(breaks).containsExactly(new StreamBreak(StreamId.trades("BTC"), StreamBreak.Cause.NOT_RECOVERED));
        assertThat(guard.admit(trade("BTC", 3))).isFalse();
        assertThat(guard.admit(trade("BTC", 4))).isTrue();
        assertThat(positions.resumePoint(StreamId.trades("BTC"))).isEqualTo(new StreamPosition("F", 4));
    }

    @Test
    void shouldAcceptTheNextMessageOfTheNewEpochAndReportWhenAGapArrives() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());

        guard.control(new Gap("trades", "BTC", "G", 1));

        assertThat(breaks).containsExactly(new StreamBreak(StreamId.trades("BTC"), StreamBreak.Cause.GAP));
        assertThat(positions.resumePoint(StreamId.trades("BTC"))).as("resumes from where the gap says").isEqualTo(new StreamPosition("G", 1));
        assertThat(guard.admit(trade("BTC", 2))).isTrue();
        assertThat(guard.admit(trade("BTC", 2))).isFalse();
        assertThat(positions.resumePoint(StreamId.trades("BTC"))).isEqualTo(new StreamPosition("G", 2));
    }

    @Test
    void shouldKeepTheAccountPositionFromTheAuthReplyAndReportWhenNotRecovered() {
        guard.control(new AuthResult(true, "ok", new StreamPosition("A", 7), null));
        assertThat(guard.admit(balance(7))).isFalse();
        assertThat(guard.admit(balance(8))).isTrue();

        guard.control(new AuthResult(true, "ok", new StreamPosition("B", 1), false));
        guard.control(new Gap("account", null, "C", Sequenced.NO_SEQ));

        assertThat(breaks).containsExactly(new StreamBreak(StreamId.account(), StreamBreak.Cause.NOT_RECOVERED),
                new StreamBreak(StreamId.account(), StreamBreak.Cause.GAP));
        assertThat(guard.admit(balance(1))).as("C starts afresh").isTrue();
        assertThat(positions.resumePoint(StreamId.account())).isEqualTo(new StreamPosition("C", 1));
    }

    @Test
    void shouldNotMoveTheAccountPositionWhenARefreshReplyNamesALaterOne() {
        guard.control(new AuthResult(true, "ok", new StreamPosition("A", 7), null));

        guard.control(new AuthResult(true, "Credential refreshed", new StreamPosition("A", 9), null));

        assertThat(guard.admit(balance(8))).as("still on its way when the reply was written").isTrue();
    }

    @Test
    void shouldForgetTheTradePositionWhenTheSymbolIsUnsubscribed() {
        subscribed(Map.of("BTC", new StreamPosition("E", 10)), Map.of());

        guard.control(new SubscriptionReply("unsubscribed", List.of("btc"), "trades", 0, Map.of(), Map.of()));

        assertThat(positions.get(StreamId.trades("BTC"))).isNull();
    }

    @Test
    void shouldMatchTradeStreamsIgnoringCaseWhenTheServerSpellsThemDifferently() {
        subscribed(Map.of("BTCUSDT", new StreamPosition("E", 10)), Map.of());

        assertThat(guard.admit(trade("btcusdt", 10))).isFalse();
        assertThat(positions.resumePoint(StreamId.trades("BtcUsdt"))).isEqualTo(new StreamPosition("E", 10));
    }

    private void subscribed(Map<String, StreamPosition> streams, Map<String, Boolean> recovered) {
        guard.control(new SubscriptionReply("subscribed", List.copyOf(streams.keySet()), "trades", streams.size(),
                streams, recovered));
    }

    private static Trade trade(String symbol, long seq) {
        return new Trade(symbol, BigDecimal.ONE, BigDecimal.TEN, "buy", 1, null, seq);
    }

    private static Balance balance(long seq) {
        return new Balance("USD", BigDecimal.ONE, null, null, 1, "{}", seq);
    }
}
