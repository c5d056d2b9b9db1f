package io.tickstream.client;

import static io.tickstream.client.TestGateway.DEEP;
import static io.tickstream.client.TestGateway.EURUSD;
import static io.tickstream.client.TestGateway.SAFFRON;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.Balance;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.Order;
import io.tickstream.client.message.Position;
import io.tickstream.client.message.PriceLevel;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypedStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestGateway gateway;
    private TickstreamClient client;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start();
        client = gateway.client().build();
        client.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void shouldStreamExactTicksWhenQuotesArePublished() throws Exception {
        try (MessageStream<Tick> ticks = client.ticks("EURUSD", SAFFRON.name()).stream()) {
            client.subscribe(Channel.TICK, "EURUSD", SAFFRON.name()).get(5, TimeUnit.SECONDS);

            gateway.quote(EURUSD, "1.08500", "1.08512");
            gateway.quote(SAFFRON, "1250000000000", "1250000001000");

            Tick first = ticks.poll(WAIT);
            Tick second = ticks.poll(WAIT);
            assertThat(first.symbol()).isEqualTo("EURUSD");
            assertThat(first.bid()).isEqualTo(new BigDecimal("1.08500"));
            assertThat(first.bid().toPlainString()).isEqualTo("1.08500");
            assertThat(first.ask()).isEqualTo(new BigDecimal("1.08512"));
            assertThat(second.symbol()).isEqualTo(SAFFRON.name());
            assertThat(second.bid().toPlainString()).isEqualTo("1250000000000");
            assertThat(second.ask().toPlainString()).isEqualTo("1250000001000");
        }
    }

    @Test
    void shouldStreamTheBookAtTheRequestedDepthWhenLevelsArePublished() throws Exception {
        try (MessageStream<Book> books = client.book("DEEP5", 2).stream()) {
            client.subscribeBook(2, "DEEP5").get(5, TimeUnit.SECONDS);

            gateway.publish(DEEP, "{\"BestLimit\":{"
                    + "\"1\":{\"buy_price\":99.50,\"buy_quantity\":3,\"sell_price\":100.25,\"sell_quantity\":4},"
                    + "\"2\":{\"buy_price\":99.40,\"buy_quantity\":7,\"sell_price\":100.30,\"sell_quantity\":1},"
                    + "\"3\":{\"buy_price\":99.00,\"buy_quantity\":9,\"sell_price\":101.00,\"sell_quantity\":9}}}");

            Book book = books.poll(WAIT);
            assertThat(book.symbol()).isEqualTo("DEEP5");
            assertThat(book.bids()).containsExactly(level("99.50", "3"), level("99.40", "7"));
            assertThat(book.asks()).containsExactly(level("100.25", "4"), level("100.30", "1"));
        }
    }

    @Test
    void shouldDeliverTradesToAFlowSubscriberWhenPrintsArePublished() throws Exception {
        Collecting<Trade> subscriber = new Collecting<>();
        client.trades("EURUSD").subscribe(subscriber);
        client.subscribe(Channel.TRADES, "EURUSD").get(5, TimeUnit.SECONDS);

        gateway.trade(EURUSD, "{\"price\":1.0851,\"quantity\":100000,\"side\":\"buy\",\"ts\":1709742000000,\"tradeId\":\"t-1\"}");
        gateway.trade(EURUSD, "{\"price\":1.0850,\"quantity\":5,\"side\":\"sell\",\"ts\":1709742000001}");

        subscriber.await(2);
        assertThat(subscriber.items).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seq").containsExactly(
                new Trade("EURUSD", new BigDecimal("1.0851"), new BigDecimal("100000"), "buy", 1709742000000L, "t-1",
                        Sequenced.NO_SEQ),
                new Trade("EURUSD", new BigDecimal("1.0850"), new BigDecimal("5"), "sell", 1709742000001L, null,
                        Sequenced.NO_SEQ));
    }

    @Test
    void shouldStreamTheFullStateWhenAnUpdateChangesIt() throws Exception {
        try (MessageStream<State> states = client.states(SAFFRON.name()).stream()) {
            client.subscribe(Channel.STATE, SAFFRON.name()).get(5, TimeUnit.SECONDS);

            gateway.publish(SAFFRON, "{\"ts\":1709742000000,\"data\":{\"Aggregate\":{\"last_price\":1250000000500,"
                    + "\"trade_count\":12},\"BestLimit\":{\"1\":{\"buy_price\":1250000000000}}}}");

            State state = states.poll(WAIT);
            assertThat(state.symbol()).isEqualTo(SAFFRON.name());
            assertThat(state.time()).isEqualTo(1709742000000L);
            assertThat(state.lastPrice().toPlainString()).isEqualTo("1250000000500");
            assertThat(state.bid().toPlainString()).isEqualTo("1250000000000");
            assertThat(state.decimal("Aggregate.trade_count")).isEqualTo(new BigDecimal("12"));
            assertThat(state.decimal("AllowedPriceRange.maxAllowedPrice")).isEqualTo(new BigDecimal("9999999999"));
            assertThat(state.depth()).isEqualTo(3);
            assertThat(state.data()).startsWith("{").contains("\"last_price\":1250000000500");
        }
    }

    @Test
    void shouldStreamBalancePositionsAndOrdersWhenTheAccountHasEvents() throws Exception {
        try (MessageStream<Balance> balances = client.balances().stream();
             MessageStream<Position> positions = client.positions().stream();
             MessageStream<Order> orders = client.orders().stream()) {

            gateway.accountEvent("{\"type\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":100012.40,"
                    + "\"available\":99000.00,\"equity\":100100.10},\"ts\":1709742000000}");
            gateway.accountEvent("{\"type\":\"position\",\"data\":{\"symbol\":\"EURUSD\",\"quantity\":-100000,"
                    + "\"averagePrice\":1.08501,\"unrealizedPnl\":-12.30},\"ts\":1709742000001}");
            gateway.accountEvent("{\"type\":\"order\",\"data\":{\"orderId\":\"o-7\",\"symbol\":\"EURUSD\",\"side\":\"sell\","
                    + "\"type\":\"limit\",\"price\":1.08520,\"quantity\":100000,\"status\":\"new\"},\"ts\":1709742000002}");

            Balance balance = balances.poll(WAIT);
            assertThat(balance.currency()).isEqualTo("USD");
            assertThat(balance.balance().toPlainString()).isEqualTo("100012.40");
            assertThat(balance.available().toPlainString()).isEqualTo("99000.00");
            assertThat(balance.equity().toPlainString()).isEqualTo("100100.10");
            assertThat(balance.time()).isEqualTo(1709742000000L);

            Position position = positions.poll(WAIT);
            assertThat(position.symbol()).isEqualTo("EURUSD");
            assertThat(position.quantity()).isEqualTo(new BigDecimal("-100000"));
            assertThat(position.averagePrice().toPlainString()).isEqualTo("1.08501");
            assertThat(position.unrealizedPnl().toPlainString()).isEqualTo("-12.30");

            Order order = orders.poll(WAIT);
            assertThat(order).isEqualTo(new Order("o-7", "EURUSD", "sell", "limit", new BigDecimal("1.08520"),
                    new BigDecimal("100000"), "new", 1709742000002L, order.data(), order.seq()));
            assertThat(order.data()).contains("\"price\":1.08520");
        }
    }

    @Test
    void shouldListWhatItKeepsSubscribedWhenAskedForSubscriptions() throws Exception {
        client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);
        client.subscribeBook(3, "DEEP5").get(5, TimeUnit.SECONDS);
        client.unsubscribe(Channel.TICK, "EURUSD");

        assertThat(client.subscriptions()).containsExactly(new Topic("DEEP5", Channel.BOOK, 3));
        assertThat(client.isConnected()).isTrue();
        assertThat(client.connectionAttempts()).isEqualTo(1);
    }

    @Test
    void shouldFailTheSubscriptionAndDropTheSymbolWhenTheServerDoesNotKnowIt() throws Exception {
        var refused = client.subscribe(Channel.TICK, "NOPE");

        assertThat(refused).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ServerErrorException.class)
                .withMessageContaining("Unknown symbol: NOPE");
        assertThat(client.subscriptions()).isEmpty();
        assertThat(client.isConnected()).isTrue();
    }

    private static PriceLevel level(String price, String quantity) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    /** A plain Flow subscriber that requests everything and collects it. */
    static final class Collecting<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        void await(int count) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> items.size() >= count);
        }
    }
}
