package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Fill;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedBreaksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final StreamBreak BTC_GAP = new StreamBreak(StreamId.trades("BTC"), StreamBreak.Cause.GAP);
    private static final StreamBreak ACCOUNT_LOST = new StreamBreak(StreamId.account(), StreamBreak.Cause.NOT_RECOVERED);

    private final Listeners listeners = new Listeners();
    private final Dispatcher dispatcher = new Dispatcher(listeners);
    private final Feeds feeds = new Feeds(dispatcher, listeners, 3);

    @AfterEach
    void stop() {
        feeds.shutdown();
    }

    @Test
    void shouldHandTheBreakOverBetweenTheMessagesAroundItWhenReadingTheStream() throws Exception {
        List<Object> read = new ArrayList<>();
        try (MessageStream<Trade> trades = feeds.of(Channel.TRADES).stream().breakHandler(read::add)) {
            dispatcher.message(trade("BTC", 1));
            dispatcher.streamBreak(BTC_GAP);
            dispatcher.message(trade("BTC", 2));

            read.add(trades.poll(WAIT));
            read.add(trades.poll(WAIT));
        }

        assertThat(read).containsExactly(trade("BTC", 1), BTC_GAP, trade("BTC", 2));
    }

    @Test
    void shouldKeepTheBreakWhenTheBufferDropsTheOldestMessages() {
        Collecting subscriber = new Collecting();
        feeds.of(Channel.TRADES).subscribe(subscriber);
        subscriber.awaitSubscribed();

        dispatcher.message(trade("BTC", 1));
        dispatcher.streamBreak(BTC_GAP);
        for (int seq = 2; seq <= 5; seq++) {
            dispatcher.message(trade("BTC", seq));
        }
        subscriber.subscription.request(10);

        subscriber.awaitSignals(4);
        assertThat(subscriber.signals).containsExactly(BTC_GAP, trade("BTC", 3), trade("BTC", 4), trade("BTC", 5));
    }

    @Test
    void shouldTellOnlyTheFeedsOfTheBrokenStreamWhenItBreaks() throws Exception {
        List<StreamBreak> btcTrades = new CopyOnWriteArrayList<>();
        List<StreamBreak> ethTrades = new CopyOnWriteArrayList<>();
        List<StreamBreak> ticks = new CopyOnWriteArrayList<>();
        List<StreamBreak> fills = new CopyOnWriteArrayList<>();
        List<StreamBreak> everything = new CopyOnWriteArrayList<>();
        try (MessageStream<Trade> btc = feeds.of(Channel.TRADES, "btc").stream().breakHandler(btcTrades::add);
             MessageStream<Trade> eth = feeds.of(Channel.TRADES, "ETH").stream().breakHandler(ethTrades::add);
             MessageStream<Tick> tick = feeds.of(Channel.TICK).stream().breakHandler(ticks::add);
             MessageStream<Fill> fill = feeds.of(Channel.FILLS).stream().breakHandler(fills::add);
             MessageStream<Message> all = feeds.of(Channel.ALL).stream()
                     .breakHandler(everything::add)) {
            dispatcher.streamBreak(BTC_GAP);
            dispatcher.streamBreak(ACCOUNT_LOST);
            Trade last = trade("ETH", 9);
            dispatcher.message(last);
            dispatcher.message(new Tick("BTC", BigDecimal.ONE, BigDecimal.TEN, 1, 1));
            dispatcher.message(fill());

            assertThat(btc.poll(Duration.ofMillis(200))).isNull();
            assertThat(eth.poll(WAIT)).isEqualTo(last);
            assertThat(tick.poll(WAIT)).isNotNull();
            assertThat(fill.poll(WAIT)).isNotNull();
            assertThat(all.poll(WAIT)).isEqualTo(last);
        }

        assertThat(btcTrades).containsExactly(BTC_GAP);
        assertThat(ethTrades).isEmpty();
        assertThat(ticks).isEmpty();
        assertThat(fills).containsExactly(ACCOUNT_LOST);
        assertThat(everything).containsExactly(BTC_GAP, ACCOUNT_LOST);
    }

    @Test
    void shouldTellTheListenerOnGapOrOnRecoveryFailedWhenAStreamBreaks() {
        List<String> told = new ArrayList<>();
        listeners.add(new ClientListener() {
            @Override
            public void onRecoveryFailed(StreamId stream) {
                told.add("recovery failed: " + stream);
            }

            @Override
            public void onGap(StreamId stream) {
                told.add("gap: " + stream);
            }
        });

        listeners.streamBroken(BTC_GAP);
        listeners.streamBroken(ACCOUNT_LOST);

        assertThat(told).containsExactly("gap: trades BTC", "recovery failed: account");
    }

    private static Trade trade(String symbol, long seq) {
        return new Trade(symbol, BigDecimal.ONE, BigDecimal.TEN, "buy", 1, "t-" + seq, seq);
    }

    private static AccountMessage fill() {
        return new Fill("f", "o", "BTC", "buy", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 1, "{}", 1);
    }

    /** A break-aware subscriber that asks for nothing by itself and records its signals in order. */
    private static final class Collecting implements BreakAwareSubscriber<Trade> {

        final List<Object> signals = new CopyOnWriteArrayList<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription value) {
            subscription = value;
        }

        @Override
        public void onNext(Trade item) {
            signals.add(item);
        }

        @Override
        public void onBreak(StreamBreak streamBreak) {
            signals.add(streamBreak);
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add(throwable);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }

        void awaitSubscribed() {
            await().atMost(WAIT).until(() -> subscription != null);
        }

        void awaitSignals(int count) {
            await().atMost(WAIT).until(() -> signals.size() >= count);
        }
    }
}
