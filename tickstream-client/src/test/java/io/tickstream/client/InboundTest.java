package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches the application from received frames, through the real receiving path (no network, no session). */
class InboundTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ClientLoop loop = new ClientLoop();
    private final Listeners listeners = new Listeners();
    private final Dispatcher dispatcher = new Dispatcher(listeners);
    private final Feeds feeds = new Feeds(dispatcher, listeners, 100);
    private final List<String> told = new ArrayList<>();
    private final DeliveryGuard guard = new DeliveryGuard(new StreamPositions(), broken -> {
        listeners.streamBroken(broken);
        dispatcher.streamBreak(broken);
    });
    private final Inbound inbound = new Inbound(loop, new Inbound.Delivery(dispatcher, guard, new StateBases(symbol -> { })), listeners, connection -> null);

    @AfterEach
    void stop() {
        feeds.shutdown();
        loop.shutdown();
    }

    @Test
    void shouldDeliverEachTradeOnceAndTheFailedRecoveryInOrderWhenAResubscribeOverlaps() throws Exception {
        List<Object> read = new ArrayList<>();
        try (MessageStream<Trade> trades = feeds.of(Channel.TRADES).stream().breakHandler(read::add)) {
            receive("{\"type\":\"subscribed\",\"symbols\":[\"BTC\"],\"channel\":\"trades\",\"totalSubscriptions\":1,"
                    + "\"streams\":{\"BTC\":{\"epoch\":\"E\",\"seq\":4}}}");
            receive(trade(5));
            receive(trade(6));
            receive(trade(6));
            receive("{\"type\":\"subscribed\",\"symbols\":[\"BTC\"],\"channel\":\"trades\",\"totalSubscriptions\":1,"
                    + "\"streams\":{\"BTC\":{\"epoch\":\"F\",\"seq\":1}},\"recovered\":{\"BTC\":false}}");
            receive(trade(1));
            receive(trade(2));

            for (int i = 0; i < 3; i++) {
                read.add(trades.poll(WAIT).seq());
            }
        }

        assertThat(read).containsExactly(5L, 6L,
                new StreamBreak(StreamId.trades("BTC"), StreamBreak.Cause.NOT_RECOVERED), 2L);
        assertThat(guard.duplicates()).isEqualTo(2);
    }

    @Test
    void shouldTellTheListenerAndTheAccountFeedWhenAnAccountGapArrives() throws Exception {
        listeners.add(new ClientListener() {
            @Override
            public void onGap(StreamId stream) {
                told.add("gap " + stream);
            }
        });
        List<Object> read = new ArrayList<>();
        try (MessageStream<AccountMessage> account = feeds.of(Channel.ACCOUNT).stream().breakHandler(read::add)) {
            receive("{\"type\":\"auth\",\"success\":true,\"message\":\"Authenticated successfully\","
                    + "\"account\":{\"epoch\":\"E\",\"seq\":10}}");
            receive(balance(11));
            receive("{\"type\":\"gap\",\"channel\":\"account\",\"epoch\":\"E\"}");
            receive(balance(3));

            read.add(account.poll(WAIT).seq());
            read.add(account.poll(WAIT).seq());
        }

        assertThat(read).containsExactly(11L, new StreamBreak(StreamId.account(), StreamBreak.Cause.GAP), 3L);
        assertThat(told).containsExactly("gap account");
    }

    private void receive(String text) {
        inbound.onText(null, text);
    }

    private static String trade(long seq) {
        return "{\"type\":\"trade\",\"symbol\":\"BTC\",\"price\":1,\"quantity\":2,\"side\":\"buy\",\"time\":1,\"seq\":" + seq + "}";
    }

    private static String balance(long seq) {
        return "{\"type\":\"account\",\"event\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":1},\"time\":1,\"seq\":"
                + seq + "}";
    }
}
