package io.tickstream.client;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Balance;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.Candle;
import io.tickstream.client.message.Order;
import io.tickstream.client.message.Position;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A client of a Tickstream gateway's JSON message protocol (README, "The JSON message protocol" and "Java client"): connects and
 * authenticates, keeps its subscriptions across reconnects, and delivers typed messages to handlers
 * and streams. All methods may be called from any thread.
 *
 * <pre>{@code
 * try (TickstreamClient client = TickstreamClient.builder().uri("ws://localhost:8080/").apiKey(key).build()) {
 *     client.connect();
 *     try (MessageStream<Tick> ticks = client.ticks("EURUSD").stream()) {
 *         while (ticks.hasNext()) {
 *             Tick tick = ticks.next();
 *             System.out.println(tick.symbol() + " " + tick.bid() + " / " + tick.ask());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Connection.</b> {@link #connect()} returns once authenticated. A lost connection (network
 * failure, close codes 1001, 1006, 1011, 1012, 1013, no sign of life within {@code pingTimeout} of a
 * ping) is re-established with exponential backoff and jitter; every reconnect authenticates again
 * and subscribes everything in {@link #subscriptions()} again, without the caller doing anything.
 * Built with several URIs ({@link ClientBuilder#uris(java.util.List)}) the client fails over: a failed
 * attempt or a lost connection moves it at once to the next node, round robin, and the backoff
 * applies once every node failed in a row ({@link #currentUri()}, {@link ClientListener#onNodeChanged}).
 * After {@code maxRetries} failures in a row the client gives up with a
 * {@link RetriesExhaustedException}; a refusal (bad credentials: {@link AuthenticationException},
 * other 1008 and stop codes: {@link ConnectionRejectedException}) ends it at once. The fatal error
 * is thrown by {@code connect()} (when it happens before the first connection), reported to
 * {@link ClientListener#onError}, and ends every stream.
 *
 * <p><b>Delivery.</b> The last {@code (epoch, seq)} of each trade stream and of the account stream is
 * kept and sent as {@code since} on every reconnect, so the gateway resends what was missed; a
 * trade or account event seen before is dropped ({@link #duplicatesDropped()}). Losses the gateway
 * could not make good ({@code recovered:false}, {@code gap}) are told to
 * {@link ClientListener#onRecoveryFailed} and {@link ClientListener#onGap}, and to the stream's feeds
 * as a {@link StreamBreak}.
 *
 * <p><b>Threads.</b> Handlers run on the thread that received the message, one message at a time
 * in arrival order; streams deliver on the client's delivery threads (see {@link Feed}). A handler
 * or subscriber that throws is logged and reported as a {@link HandlerException}; it never stops
 * the stream.
 */
public final class TickstreamClient implements AutoCloseable {

    private final ClientLoop loop = new ClientLoop();
    private final Listeners listeners = new Listeners();
    private final Dispatcher dispatcher = new Dispatcher(listeners);
    private final Lifecycle life = new Lifecycle(listeners);
    private final StreamPositions positions = new StreamPositions();
    private final DeliveryGuard guard = new DeliveryGuard(positions, this::streamBroken);
    private final StateBases states;
    private final Feeds feeds;
    private final ConnectionSupervisor supervisor;
    private final Subscriptions subscriptions;
    private final Alerts alerts;
    private final CandleHistory history;

    TickstreamClient(ClientSettings settings) {
        settings.listeners().forEach(listeners::add);
        SubscriptionSync sync = new SubscriptionSync(positions, settings.stateDeltas());
        feeds = new Feeds(dispatcher, listeners, settings.streamBuffer());
        states = new StateBases(this::resubscribeState);
        supervisor = new ConnectionSupervisor(settings, loop, sync, positions, new Inbound.Delivery(dispatcher, guard, states),
                listeners, life, feeds::end);
        subscriptions = new Subscriptions(sync, loop, life, supervisor);
        alerts = new Alerts(this, supervisor::node,
                () -> settings.apiKey() != null ? settings.apiKey() : settings.tokens().get());
        history = new CandleHistory(() -> settings.apiKey() != null ? settings.apiKey() : settings.tokens().get());
    }

    public static ClientBuilder builder() {
        return new ClientBuilder();
    }

    /**
     * Connects and authenticates, retrying as configured; returns at the first success. Later calls
     * return at once while the client lives.
     *
     * @throws AuthenticationException     the server refused the key or token
     * @throws ConnectionRejectedException the server closed with a code that means stop
     * @throws RetriesExhaustedException   {@code maxRetries} retries failed
     * @throws ClientClosedException       the client was closed
     */
    public void connect() throws InterruptedException {
        TickstreamException ended = life.terminalError();
        if (ended != null) {
            throw ended;
        }
        try {
            supervisor.start().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TickstreamException known ? known
                    : new TickstreamException("connect failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Subscribes symbols on a market channel (books at depth {@value Topic#DEFAULT_BOOK_DEPTH}). Kept
     * across reconnects. The result completes when the server confirmed all of them, or fails with a
     * {@link ServerErrorException} for a symbol it refused (which is then dropped).
     */
    public CompletableFuture<Void> subscribe(Channel<?> channel, String... symbols) {
        return subscriptions.subscribe(channel, symbols);
    }

    /**
     * Subscribes symbols on the tick, book or state channel at most {@code maxRate} (0.1..1000)
     * messages a second each, the newest state every time (the account's policy may cap it lower).
     * Subscribing again at another rate changes the rate.
     */
    public CompletableFuture<Void> subscribe(Channel<?> channel, double maxRate, String... symbols) {
        return subscriptions.subscribeAtRate(channel, maxRate, symbols);
    }

    /** Subscribes order books of {@code depth} levels (1..20); subscribing again changes the depth. */
    public CompletableFuture<Void> subscribeBook(int depth, String... symbols) {
        return subscriptions.subscribeBook(depth, symbols);
    }

    /** Stops a channel's symbols; the server is told at once when connected. */
    public void unsubscribe(Channel<?> channel, String... symbols) {
        subscriptions.unsubscribe(channel, symbols);
    }

    /** The topics the client keeps subscribed (those the server refused are dropped). */
    public Set<Topic> subscriptions() {
        return subscriptions.topics();
    }

    /** Adds a handler of one channel's messages; see the class comment for its thread. */
    public <T> void addMessageHandler(Channel<T> channel, Consumer<? super T> handler) {
        dispatcher.add(channel, handler);
    }

    public <T> boolean removeMessageHandler(Channel<T> channel, Consumer<? super T> handler) {
        return dispatcher.remove(channel, handler);
    }

    public void addListener(ClientListener listener) {
        listeners.add(listener);
    }

    public boolean removeListener(ClientListener listener) {
        return listeners.remove(listener);
    }

    /** Subscribes the symbols' ticks and streams them (every subscribed tick when no symbol is given). */
    public Feed<Tick> ticks(String... symbols) {
        return subscribed(Channel.TICK, symbols);
    }

    /** Subscribes one symbol's book at {@code depth} levels and streams it. */
    public Feed<Book> book(String symbol, int depth) {
        subscribeBook(depth, symbol);
        return feed(Channel.BOOK, symbol);
    }

    public Feed<Trade> trades(String... symbols) {
        return subscribed(Channel.TRADES, symbols);
    }

    public Feed<State> states(String... symbols) {
        return subscribed(Channel.STATE, symbols);
    }

    /** Every private event of the account (no subscription needed). */
    public Feed<AccountMessage> account() {
        return feed(Channel.ACCOUNT);
    }

    public Feed<Balance> balances() {
        return feed(Channel.BALANCE);
    }

    public Feed<Position> positions() {
        return feed(Channel.POSITIONS);
    }

    public Feed<Order> orders() {
        return feed(Channel.ORDERS);
    }

    /** A stream of a channel without subscribing anything; market channels may be narrowed to symbols. */
    public <T> Feed<T> feed(Channel<T> channel, String... symbols) {
        return feeds.of(channel, symbols);
    }

    /** The account's price alerts: create, list, cancel, and their triggers. */
    public Alerts alerts() {
        return alerts;
    }

    /** Whether the client is connected and authenticated right now. */
    public boolean isConnected() {
        return life.state() == ConnectionState.CONNECTED;
    }

    public ConnectionState state() {
        return life.state();
    }

    /**
     * Trades and account events received again and not delivered (their {@code seq} was not above the
     * last one of their stream), e.g. when a reconnect and a recovery overlapped.
     */
    public long duplicatesDropped() {
        return guard.duplicates();
    }

    /**
     * State deltas that came without a full state of their symbol to apply to, each dropped and
     * answered by subscribing the symbol's state again (which brings a full one).
     */
    public long stateResyncs() {
        return states.resyncs();
    }

    /**
     * Reads an instrument's bars with {@code GET /api/candles} of the node in use: at most
     * {@code limit} (1..1000) bars of {@code interval} ({@code 1s}, {@code 1m}, {@code 5m},
     * {@code 15m}, {@code 1h}, {@code 4h}, {@code 1d}) starting at or before {@code end} (epoch ms,
     * null for now), oldest first, the open bar last. To page back, ask again with {@code end} the
     * first bar's start minus 1. Fails with a {@link TickstreamException} naming the gateway's error.
     */
    public CompletableFuture<List<Candle>> candles(String symbol, String interval, int limit, Long end) {
        return history.read(currentUri(), symbol, interval, limit, end);
    }

    /** The gateway node the client is connected to, or the one it is trying or will try next. */
    public URI currentUri() {
        return supervisor.node();
    }

    /** Connection attempts made so far, the first one included. */
    public int connectionAttempts() {
        return life.attempts();
    }

    /** Closes the connection (close code 1000) and ends every stream; pending subscriptions fail. Idempotent. */
    @Override
    public void close() {
        supervisor.close();
        loop.shutdown();
        feeds.shutdown();
    }

    private void resubscribeState(String symbol) {
        subscriptions.resubscribe(Channel.STATE, symbol);
    }

    private void streamBroken(StreamBreak broken) {
        listeners.streamBroken(broken);
        dispatcher.streamBreak(broken);
    }

    private <T> Feed<T> subscribed(Channel<T> channel, String... symbols) {
        if (symbols.length > 0) {
            subscribe(channel, symbols);
        }
        return feed(channel, symbols);
    }
}
