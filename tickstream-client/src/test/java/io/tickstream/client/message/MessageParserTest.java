package io.tickstream.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    @Test
    void shouldKeepTheExactScaleOfPricesWhenParsingATick() throws Exception {
        Message message = MessageParser.parse("{\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.08500,\"ask\":1.0851,\"time\":17}");

        assertThat(message).isEqualTo(new Tick("EURUSD", new BigDecimal("1.08500"), new BigDecimal("1.0851"), 17,
                Sequenced.NO_SEQ));
        assertThat(((Tick) message).bid().scale()).isEqualTo(5);
    }

    @Test
    void shouldReadThirteenDigitRialPricesExactlyWhenParsingABook() throws Exception {
        Book book = (Book) MessageParser.parse("{\"type\":\"book\",\"symbol\":\"سکه0412P05\","
                + "\"bids\":[[8425000000000,3]],\"asks\":[[8425000001000,2],[8425000002000,7]],\"time\":1}");

        assertThat(book.symbol()).isEqualTo("سکه0412P05");
        assertThat(book.bids()).containsExactly(new PriceLevel(new BigDecimal("8425000000000"), new BigDecimal("3")));
        assertThat(book.asks()).extracting(level -> level.price().toPlainString())
                .containsExactly("8425000001000", "8425000002000");
    }

    @Test
    void shouldFlattenTheStateAndKeepItsDataTextWhenParsingAState() throws Exception {
        String data = "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}},\"Aggregate\":{\"date\":\"\",\"last_price\":1.0851}}";
        State state = (State) MessageParser.parse("{\"type\":\"state\",\"symbol\":\"EURUSD\",\"data\":" + data + ",\"time\":5}");

        assertThat(state.data()).isEqualTo(data);
        assertThat(state.fields()).containsEntry("BestLimit.1.buy_price", "1.0850").containsEntry("Aggregate.date", "");
        assertThat(state.bid()).isEqualTo(new BigDecimal("1.0850"));
        assertThat(state.depth()).isEqualTo(1);
    }

    @Test
    void shouldMakeTheTypedRecordOfEachAccountEventWhenParsingAccountMessages() throws Exception {
        assertThat(account("balance", "{\"currency\":\"USD\",\"balance\":\"100.50\"}"))
                .isEqualTo(new Balance("USD", new BigDecimal("100.50"), null, null, 9,
                        "{\"currency\":\"USD\",\"balance\":\"100.50\"}", Sequenced.NO_SEQ));
        assertThat(account("trade", "{\"tradeId\":\"f-1\",\"price\":2.5,\"fee\":0.10}")).isInstanceOf(Fill.class)
                .extracting(m -> ((Fill) m).fee()).isEqualTo(new BigDecimal("0.10"));
        assertThat(account("alert", "{\"alertId\":\"a\",\"condition\":\"above\"}")).isInstanceOf(Alert.class);
        assertThat(account("notification", "{\"level\":\"info\",\"message\":\"hi\"}"))
                .isEqualTo(new Notification("info", "hi", 9, "{\"level\":\"info\",\"message\":\"hi\"}", Sequenced.NO_SEQ));
        assertThat(account("margin_call", "{\"x\":1}")).isEqualTo(new AccountEvent("margin_call", "{\"x\":1}", 9, Sequenced.NO_SEQ));
    }

    @Test
    void shouldReadTheProtocolRepliesWhenParsingControlMessages() throws Exception {
        assertThat(MessageParser.parse("{\"type\":\"subscribed\",\"symbols\":[\"A\",\"B\"],\"channel\":\"book\",\"totalSubscriptions\":2}"))
                .isEqualTo(new SubscriptionReply("subscribed", List.of("A", "B"), "book", 2, Map.of(), Map.of()));
        assertThat(MessageParser.parse("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"Too many messages\",\"retryAfterMs\":740}"))
                .isEqualTo(new ServerError("rate_limited", "Too many messages", 740));
        assertThat(MessageParser.parse("{\"type\":\"auth\",\"success\":false,\"message\":\"Invalid API key\"}"))
                .isEqualTo(new AuthResult(false, "Invalid API key", null, null));
        assertThat(MessageParser.parse("{\"type\":\"news\",\"x\":1}")).isEqualTo(new UnknownMessage("news", "{\"type\":\"news\",\"x\":1}"));
    }

    @Test
    void shouldReadTheSeqWhenMarketAndAccountMessagesCarryIt() throws Exception {
        assertThat(seq("{\"type\":\"tick\",\"symbol\":\"X\",\"bid\":1,\"ask\":2,\"time\":1,\"seq\":41}")).isEqualTo(41);
        assertThat(seq("{\"type\":\"book\",\"symbol\":\"X\",\"bids\":[],\"asks\":[],\"time\":1,\"seq\":42}")).isEqualTo(42);
        assertThat(seq("{\"type\":\"state\",\"symbol\":\"X\",\"data\":{},\"time\":1,\"seq\":9007199254740993}"))
                .isEqualTo(9007199254740993L);
        assertThat(seq("{\"type\":\"trade\",\"symbol\":\"X\",\"price\":1,\"quantity\":2,\"side\":\"buy\",\"time\":1,\"seq\":7}"))
                .isEqualTo(7);
        assertThat(seq("{\"type\":\"account\",\"event\":\"trade\",\"data\":{\"tradeId\":\"f\"},\"time\":1,\"seq\":3}"))
                .isEqualTo(3);
    }

    @Test
    void shouldReportNoSeqWhenAMessageWasPublishedWithoutOne() throws Exception {
        assertThat(seq("{\"type\":\"trade\",\"symbol\":\"X\",\"price\":1,\"quantity\":2,\"side\":\"buy\",\"time\":1}"))
                .isEqualTo(Sequenced.NO_SEQ);
        assertThat(seq("{\"type\":\"account\",\"event\":\"balance\",\"data\":{},\"time\":1}")).isEqualTo(Sequenced.NO_SEQ);
    }

    @Test
    void shouldReadTheAccountPositionAndTheRecoveryWhenParsingTheAuthReply() throws Exception {
        assertThat(MessageParser.parse("{\"type\":\"auth\",\"success\":true,\"message\":\"Authenticated successfully\","
                + "\"account\":{\"epoch\":\"e1\",\"seq\":12},\"recovered\":false}"))
                .isEqualTo(new AuthResult(true, "Authenticated successfully", new StreamPosition("e1", 12), false));
        assertThat(MessageParser.parse("{\"type\":\"auth\",\"success\":true,\"message\":\"ok\",\"account\":{\"seq\":1}}"))
                .as("a position without an epoch is no position").isEqualTo(new AuthResult(true, "ok", null, null));
    }

    @Test
    void shouldReadTheStreamsAndTheRecoveryWhenParsingATradesSubscribedReply() throws Exception {
        SubscriptionReply reply = (SubscriptionReply) MessageParser.parse("{\"type\":\"subscribed\",\"symbols\":[\"BTCUSDT\",\"EURUSD\"],"
                + "\"channel\":\"trades\",\"totalSubscriptions\":2,\"streams\":{\"BTCUSDT\":{\"epoch\":\"E\",\"seq\":5},"
                + "\"EURUSD\":{\"epoch\":\"F\",\"seq\":0}},\"recovered\":{\"BTCUSDT\":true}}");

        assertThat(reply.streams()).containsOnly(Map.entry("BTCUSDT", new StreamPosition("E", 5)),
                Map.entry("EURUSD", new StreamPosition("F", 0)));
        assertThat(reply.recovered()).containsOnly(Map.entry("BTCUSDT", true));
    }

    @Test
    void shouldNameTheStreamAndWhereItGoesOnWhenParsingAGap() throws Exception {
        assertThat(MessageParser.parse("{\"type\":\"gap\",\"channel\":\"trades\",\"symbol\":\"BTCUSDT\",\"epoch\":\"E2\",\"seq\":7}"))
                .isEqualTo(new Gap("trades", "BTCUSDT", "E2", 7));
        assertThat(MessageParser.parse("{\"type\":\"gap\",\"channel\":\"account\",\"epoch\":\"E3\"}"))
                .isEqualTo(new Gap("account", null, "E3", Sequenced.NO_SEQ));
    }

    @Test
    void shouldThrowMalformedMessageWhenTheTextIsNotAMessage() {
        assertThatThrownBy(() -> MessageParser.parse("[1,2]")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageParser.parse("{\"type\":\"tick\",")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageParser.parse("{\"type\":\"tick\",\"symbol\":\"X\",\"bid\":1}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("'ask'");
    }

    private static long seq(String text) throws MalformedMessageException {
        return ((Sequenced) MessageParser.parse(text)).seq();
    }

    private static Message account(String event, String data) throws MalformedMessageException {
        return MessageParser.parse("{\"type\":\"account\",\"event\":\"" + event + "\",\"data\":" + data + ",\"time\":9}");
    }
}
