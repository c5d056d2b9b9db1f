package io.tickstream.client;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Alert;
import io.tickstream.client.message.Balance;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.Fill;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.Notification;
import io.tickstream.client.message.Order;
import io.tickstream.client.message.Position;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.util.List;
import java.util.Locale;

/**
 * A kind of message a caller can handle or stream, typed by the record it carries. The market
 * channels ({@link #TICK}, {@link #BOOK}, {@link #TRADES}, {@link #STATE}) are subscribed per symbol;
 * the account channels need no subscription (the server sends the account's private events once
 * authenticated); {@link #ALL} carries every market and account message and {@link #TEXT} every
 * text frame as received. Constants only; immutable.
 *
 * @param <T> the type of the messages on the channel
 */
public final class Channel<T> {

    public static final Channel<Tick> TICK = market("tick", Tick.class);
    public static final Channel<Book> BOOK = market("book", Book.class);
    public static final Channel<Trade> TRADES = market("trades", Trade.class);
    public static final Channel<State> STATE = market("state", State.class);
    /** Every private event of the account. */
    public static final Channel<AccountMessage> ACCOUNT = new Channel<>("account", null, AccountMessage.class);
    public static final Channel<Balance> BALANCE = new Channel<>("balance", null, Balance.class);
    public static final Channel<Position> POSITIONS = new Channel<>("positions", null, Position.class);
    public static final Channel<Order> ORDERS = new Channel<>("orders", null, Order.class);
    /** The account's own fills ({@code trade} events). */
    public static final Channel<Fill> FILLS = new Channel<>("fills", null, Fill.class);
    public static final Channel<Alert> ALERTS = new Channel<>("alerts", null, Alert.class);
    public static final Channel<Notification> NOTIFICATIONS = new Channel<>("notifications", null, Notification.class);
    /** Every market and account message. */
    public static final Channel<Message> ALL = new Channel<>("all", null, Message.class);
    /** Every text frame from the server as received, replies of the protocol included (recording, debugging). */
    public static final Channel<String> TEXT = new Channel<>("text", null, String.class);

    /** The channels a parsed message is routed to, in routing order. */
    static final List<Channel<?>> MESSAGE_CHANNELS =
            List.of(TICK, BOOK, TRADES, STATE, ACCOUNT, BALANCE, POSITIONS, ORDERS, FILLS, ALERTS, NOTIFICATIONS, ALL);

    private final String name;
    private final String wireName;
    private final Class<T> type;

    private Channel(String name, String wireName, Class<T> type) {
        this.name = name;
        this.wireName = wireName;
        this.type = type;
    }

    private static <T> Channel<T> market(String name, Class<T> type) {
        return new Channel<>(name, name, type);
    }

    /** The market channel with this wire name ({@code tick}, {@code book}, {@code trades}, {@code state}). */
    public static Channel<?> ofWireName(String wireName) {
        String wanted = wireName.strip().toLowerCase(Locale.ROOT);
        for (Channel<?> channel : List.of(TICK, BOOK, TRADES, STATE)) {
            if (channel.wireName.equals(wanted)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + wireName + " (tick, book, trades or state)");
    }

    public String name() {
        return name;
    }

    /** Whether the channel is subscribed per symbol (the market channels). */
    public boolean isSubscribable() {
        return wireName != null;
    }

    /** The channel's name in {@code subscribe} messages; null for channels that are not subscribed. */
    public String wireName() {
        return wireName;
    }

    public Class<T> type() {
        return type;
    }

    /** Whether the channel carries messages of {@code stream}, so its feeds are told of the stream's breaks. */
    boolean carries(StreamId stream) {
        return stream.kind() == StreamId.Kind.TRADES ? type.isAssignableFrom(Trade.class)
                : type.isAssignableFrom(AccountMessage.class) || AccountMessage.class.isAssignableFrom(type);
    }

    @Override
    public String toString() {
        return name;
    }
}
