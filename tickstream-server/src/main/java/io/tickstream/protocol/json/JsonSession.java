package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.tickstream.account.AccountEvent;
import io.tickstream.alert.AlertCommands;
import io.tickstream.alert.AlertFrames;
import io.tickstream.auth.Principal;
import io.tickstream.bus.StreamPosition;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candlefeed.CandleWatches;
import io.tickstream.hub.StreamJoin;
import io.tickstream.hub.Subscription;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.Admission;
import io.tickstream.protocol.InboundGate;
import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.SubscriptionRate;
import io.tickstream.protocol.Symbols;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.trade.TradePrint;
import io.tickstream.transport.CloseCodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON-protocol connection (README, "The JSON message protocol"): welcome, auth within the window, then subscriptions
 * per symbol and channel. Every error is a message and the connection stays open, except bad
 * credentials, the auth timeout and persistent flooding. A reply that waits for a stream's
 * position (auth with private events, a trades subscribe) holds back the client's later messages
 * until it is sent, so replies keep the order of requests. Confined to the connection's event loop.
 */
final class JsonSession implements MessageEndpoint.Session {

    /** Client messages kept while a reply waits; more than this many are refused. */
    private static final int MAX_DEFERRED = 64;

    private final ProtocolContext context;
    private final JsonViews views;
    private final SessionOutbox outbox;
    private final JsonReplies replies;
    private final Admission admission;
    private final InboundGate inbound;
    private final Map<Key, Subscription> subscriptions = new LinkedHashMap<>();
    private final CandleWatches candles;
    private final ArrayDeque<String> deferred = new ArrayDeque<>();
    /** Replies waiting for a stream's position. */
    private int waiting;
    private boolean closed;

    /** A subscription's identity: one per symbol and channel (a book's depth can be changed). */
    private record Key(Instrument instrument, Channel channel) {
    }

    JsonSession(ProtocolContext context, JsonViews views, SessionOutbox outbox) {
        this.context = context;
        this.views = views;
        this.outbox = outbox;
        this.replies = new JsonReplies(outbox.channel().alloc());
        this.candles = new CandleWatches(context.candles(), outbox, views.candles);
        this.admission = new Admission(context, outbox, expiresInMs -> send(replies.tokenExpiring(expiresInMs)));
        this.inbound = new InboundGate(context, outbox,
                retryAfter -> replies.error("rate_limited", "Too many messages", retryAfter));
    }

    @Override
    public void start() {
        outbox.connection().noticeBeforeShutdown(retryAfterMs -> send(replies.reconnect("shutdown", retryAfterMs)));
        outbox.connection().onRightsChanged(this::rightsChanged);
        send(replies.welcome(context.limits().authTimeout().toMillis()));
        admission.startTimer(() -> {
            send(replies.error("Authentication timeout"));
            outbox.connection().close(CloseCodes.POLICY_VIOLATION, "authentication timeout");
        });
    }

    @Override
    public boolean admitFrame() {
        return inbound.admit();
    }

    @Override
    public void onText(String text) {
        if (waiting > 0) {
            if (deferred.size() >= MAX_DEFERRED) {
                error("Too many messages before the previous reply");
            } else {
                deferred.add(text);
            }
            return;
        }
        ClientMessage message;
        try {
            message = ClientMessageParser.parse(text);
        } catch (ClientMessageParser.InvalidMessage e) {
            error(e.getMessage());
            return;
        }
        if (!admission.admitted()) {
            if ("auth".equals(message.type())) {
                authenticate(message);
            } else {
                error("Authentication required");
            }
            return;
        }
        switch (message.type()) {
            case "subscribe" -> subscribe(message);
            case "unsubscribe" -> unsubscribe(message);
            case "list" -> list();
            case "ping" -> send(replies.pong(System.currentTimeMillis()));
            case "auth" -> refresh(message);
            case "alert_create", "alert_list", "alert_cancel" -> alert(message.type(), text);
            default -> error("Unknown message type: " + message.type());
        }
    }

    /** An alert request: its reply (or error) is sent when the store answers, before later replies. */
    private void alert(String type, String text) {
        waiting++;
        new AlertCommands(context.alerts(), AlertFrames.json(), null)
                .answer(type, text, admission.principal(), outbox.channel().alloc(),
                        (code, error) -> replies.error(code, error, -1))
                .whenComplete((frame, failure) -> outbox.channel().eventLoop().execute(() -> {
                    if (closed) {
                        frame.release();
                        return;
                    }
                    send(frame);
                    replied();
                }));
    }

    private void authenticate(ClientMessage message) {
        if (message.since() != null && !message.since().symbols().isEmpty()) {
            error("Invalid field: since on auth takes the account stream's {\"epoch\":..,\"seq\":..} only, not "
                    + message.since().symbols().keySet().iterator().next());
            return;
        }
        StreamPosition since = message.since() == null ? null : message.since().account();
        Admission.Result result = admission.admit(message.credential(), views.account, since);
        switch (result) {
            case ADMITTED -> authenticated();
            case BAD_CREDENTIAL -> refuse(message.credential() == null ? "Missing field: apiKey"
                    : message.apiKey() != null ? "Invalid API key" : "Invalid token", "authentication failed");
            case CONNECTION_LIMIT -> refuse("Connection limit reached for this account", "connection limit reached");
            case RECOVERY_BUDGET_SPENT -> {
                send(replies.error("rate_limited", "Too many resumes: resume again after retryAfterMs",
                        admission.retryAfterMs()));
                outbox.connection().close(CloseCodes.TRY_AGAIN_LATER, "recovery budget spent");
            }
            case UNAVAILABLE -> unavailable();
        }
    }

    /** Replies with the account stream's position, then sends what the resume recovered and the stream. */
    private void authenticated() {
        StreamJoin<AccountEvent> events = admission.accountStream();
        if (events == null) {
            send(replies.auth(true, "Authenticated successfully"));
            return;
        }
        waiting++;
        admission.whenAccountKnown(outcome -> {
            if (!closed) {
                send(replies.auth(true, "Authenticated successfully", outcome));
                events.finish();
                replied();
            }
        }, this::unavailable);
    }

    /** The bus does not serve (or not in time): a retryable error, then close 1013. */
    private void unavailable() {
        if (closed) {
            return;
        }
        send(replies.error("unavailable", "The market data bus is unavailable; try again later",
                context.bus().retryAfterMillis()));
        outbox.connection().close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable");
    }

    /** A reply that waited was sent: the messages held back meanwhile go on. */
    private void replied() {
        waiting--;
        while (waiting == 0 && !deferred.isEmpty()) {
            onText(deferred.poll());
        }
    }

    /** A fresh token for the same account: the session goes on until it expires. */
    private void refresh(ClientMessage message) {
        switch (admission.refresh(message.credential())) {
            case REFRESHED -> send(replies.auth(true, "Credential refreshed"));
            case BAD_CREDENTIAL -> send(replies.auth(false, message.apiKey() != null ? "Invalid API key" : "Invalid token"));
            case EXPIRED -> send(replies.auth(false, "The credential has expired"));
            case OTHER_ACCOUNT -> send(replies.auth(false, "The credential is for another account"));
        }
    }

    /** The API key's rights changed: streams of instruments it no longer permits end, each with an error. */
    private void rightsChanged(Principal changed) {
        subscriptions.entrySet().removeIf(entry -> {
            if (changed.mayRead(entry.getKey().instrument())) {
                return false;
            }
            context.hub().unsubscribe(entry.getValue());
            error("No longer permitted: " + entry.getKey().instrument().name());
            return true;
        });
        candles.retain(changed::mayRead).forEach(instrument -> error("No longer permitted: " + instrument.name()));
        if (!changed.privateEvents()) {
            admission.stopPrivateEvents();
        }
    }

    private void refuse(String message, String reason) {
        send(replies.auth(false, message));
        outbox.connection().close(CloseCodes.POLICY_VIOLATION, reason);
    }

    private void subscribe(ClientMessage message) {
        Request request = request(message);
        if (request == null) {
            return;
        }
        if (request.channel() == Channel.CANDLES) {
            subscribeCandles(request, message.interval());
            return;
        }
        Set<String> accepted = new LinkedHashSet<>();
        List<Instrument> added = new ArrayList<>();
        for (String symbol : request.symbols()) {
            var instrument = Symbols.resolve(context.catalog().catalog(), symbol, admission.principal());
            if (instrument.isEmpty()) {
                error("Unknown symbol: " + symbol);
                continue;
            }
            Key key = new Key(instrument.get(), request.channel());
            if (!subscriptions.containsKey(key) && subscriptions.size() + added.size() >= context.limits().maxSubscriptions()) {
                send(replies.error("subscription_limit", "Subscription limit of "
                        + context.limits().maxSubscriptions() + " reached: " + symbol + " not subscribed", -1));
                continue;
            }
            if (accepted.add(instrument.get().name())) {
                added.add(instrument.get());
            }
        }
        if (added.isEmpty()) {
            return;
        }
        int total = (int) (subscriptions.size() + added.stream()
                .filter(i -> !subscriptions.containsKey(new Key(i, request.channel()))).count());
        if (request.channel() == Channel.TRADES) {
            long retryAfterMs = message.since() == null ? 0 : admission.recovery().retryAfterMs();
            if (retryAfterMs > 0) {
                context.hub().recoveryMeters().trades().resumeRefused();
                send(replies.error("rate_limited", "Too many resumes: subscribe again after retryAfterMs", retryAfterMs));
                return;
            }
            subscribeTrades(added, message.since(), total);
            return;
        }
        send(replies.symbols("subscribed", accepted, request.channel().wireName(true), total));
        for (Instrument instrument : added) {
            Key key = new Key(instrument, request.channel());
            Subscription previous = subscriptions.remove(key);
            if (previous != null) {
                context.hub().unsubscribe(previous);
            }
            subscriptions.put(key, open(instrument, request));
        }
    }

    /** Where {@code since} resumes an instrument's trades: its key may spell the symbol as the subscribe did. */
    private StreamPosition sinceOf(ClientMessage.Since since, Instrument instrument) {
        if (since == null) {
            return null;
        }
        StreamPosition exact = since.symbols().get(instrument.name());
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, StreamPosition> entry : since.symbols().entrySet()) {
            var named = Symbols.resolve(context.catalog().catalog(), entry.getKey(), admission.principal());
            if (named.isPresent() && named.get().id().equals(instrument.id())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Subscription open(Instrument instrument, Request request) {
        return switch (request.channel()) {
            case TICK -> context.hub().subscribe(outbox, instrument, views.tick, request.maxRate());
            case BOOK -> context.hub().subscribe(outbox, instrument, views.book(request.depth()), request.maxRate());
            case STATE -> context.hub().subscribe(outbox, instrument, request.delta() ? views.stateDelta : views.state,
                    request.maxRate());
            case TRADES -> throw new IllegalStateException("trades are joined as streams");
            case CANDLES -> throw new IllegalStateException("candles are watched in the candle feed");
        };
    }

    /**
     * Joins each instrument's trade stream (resuming where {@code since} names it), then replies
     * with every stream's position once all are known, and lets recovered and live prints follow.
     */
    private void subscribeTrades(List<Instrument> instruments, ClientMessage.Since since, int total) {
        Map<String, StreamJoin.Outcome> outcomes = new LinkedHashMap<>();
        List<StreamJoin<TradePrint>> joins = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Key key = new Key(instrument, Channel.TRADES);
            Subscription previous = subscriptions.remove(key);
            if (previous != null) {
                context.hub().unsubscribe(previous);
            }
            StreamJoin<TradePrint> join = context.hub().joinTrades(outbox, instrument, views.trades,
                    sinceOf(since, instrument), admission.recovery()::charge);
            subscriptions.put(key, join.subscription());
            outcomes.put(instrument.name(), null);
            joins.add(join);
        }
        waiting++;
        int[] unknown = {joins.size()};
        for (int i = 0; i < joins.size(); i++) {
            String symbol = instruments.get(i).name();
            joins.get(i).whenKnown(outcome -> {
                outcomes.put(symbol, outcome);
                if (--unknown[0] == 0 && !closed) {
                    send(replies.tradesSubscribed(outcomes, total));
                    joins.forEach(StreamJoin::finish);
                    replied();
                }
            });
        }
    }

    private void unsubscribe(ClientMessage message) {
        Request request = request(message);
        if (request == null) {
            return;
        }
        if (request.channel() == Channel.CANDLES) {
            unsubscribeCandles(request, message.interval());
            return;
        }
        Set<String> removed = new LinkedHashSet<>();
        for (String symbol : request.symbols()) {
            var instrument = Symbols.resolve(context.catalog().catalog(), symbol, admission.principal());
            Subscription subscription = instrument.map(i -> subscriptions.remove(new Key(i, request.channel()))).orElse(null);
            if (subscription != null) {
                context.hub().unsubscribe(subscription);
                removed.add(instrument.get().name());
            }
        }
        send(replies.symbols("unsubscribed", removed, request.channel().wireName(true), subscriptions.size()));
    }

    /** {@code "channel":"candles"} with an {@code interval}: each symbol's live bars (SPEC §12). */
    private void subscribeCandles(Request request, String label) {
        CandleInterval interval = interval(label);
        if (interval == null) {
            return;
        }
        Set<String> accepted = new LinkedHashSet<>();
        List<Instrument> added = new ArrayList<>();
        for (String symbol : request.symbols()) {
            var instrument = Symbols.resolve(context.catalog().catalog(), symbol, admission.principal());
            if (instrument.isEmpty()) {
                error("Unknown symbol: " + symbol);
            } else if (!candles.has(instrument.get(), interval)
                    && subscriptions.size() + candles.size() + added.size() >= context.limits().maxSubscriptions()) {
                send(replies.error("subscription_limit", "Subscription limit of "
                        + context.limits().maxSubscriptions() + " reached: " + symbol + " not subscribed", -1));
            } else if (accepted.add(instrument.get().name())) {
                added.add(instrument.get());
            }
        }
        if (added.isEmpty()) {
            return;
        }
        int total = subscriptions.size() + candles.size()
                + (int) added.stream().filter(instrument -> !candles.has(instrument, interval)).count();
        send(replies.symbols("subscribed", accepted, Channel.CANDLES.wireName(false), total));
        added.forEach(instrument -> candles.watch(instrument, interval));
    }

    private void unsubscribeCandles(Request request, String label) {
        CandleInterval interval = interval(label);
        if (interval == null) {
            return;
        }
        Set<String> removed = new LinkedHashSet<>();
        for (String symbol : request.symbols()) {
            Symbols.resolve(context.catalog().catalog(), symbol, admission.principal())
                    .filter(instrument -> candles.unwatch(instrument, interval))
                    .ifPresent(instrument -> removed.add(instrument.name()));
        }
        send(replies.symbols("unsubscribed", removed, Channel.CANDLES.wireName(false),
                subscriptions.size() + candles.size()));
    }

    /** The interval of a candles message, or null after reporting what is wrong. */
    private CandleInterval interval(String label) {
        CandleInterval interval = label == null ? null : CandleInterval.byLabel(label);
        if (interval == null) {
            error((label == null ? "Missing field: interval" : "Unknown interval: " + label)
                    + " (" + CandleInterval.labels() + ")");
        }
        return interval;
    }

    private void list() {
        Set<String> symbols = new LinkedHashSet<>();
        subscriptions.keySet().forEach(key -> symbols.add(key.instrument().name()));
        send(replies.symbols("subscriptions", symbols, null, subscriptions.size()));
    }

    /**
     * The symbols, channel, depth and delta choice of a (un)subscribe message, or null after reporting
     * what is wrong. {@code delta} matters to the state channel only.
     */
    private Request request(ClientMessage message) {
        if (message.symbols() == null || message.symbols().isEmpty()) {
            error("Missing field: symbol");
            return null;
        }
        Channel channel = message.channel() == null ? Channel.TICK : Channel.fromWireName(message.channel());
        if (channel == null) {
            error("Unknown channel: " + message.channel() + " (tick, book, trades, state or candles)");
            return null;
        }
        int depth = message.depth() == null ? JsonViews.DEFAULT_BOOK_DEPTH : message.depth();
        if (depth < 1 || depth > Instrument.MAX_DEPTH) {
            error("Invalid field: depth must be 1.." + Instrument.MAX_DEPTH);
            return null;
        }
        if (message.maxRate() != null && !SubscriptionRate.valid(message.maxRate())) {
            error(SubscriptionRate.invalid("maxRate"));
            return null;
        }
        return new Request(message.symbols(), channel, depth, Boolean.TRUE.equals(message.delta()),
                SubscriptionRate.effective(message.maxRate(), admission.principal().maxRate()));
    }

    /** @param maxRate messages a second of a conflated channel, or {@link SubscriptionRate#UNLIMITED} */
    private record Request(List<String> symbols, Channel channel, int depth, boolean delta, double maxRate) {
    }

    private void error(String message) {
        context.meters().clientError();
        send(replies.error(message));
    }

    private void send(ByteBuf frame) {
        outbox.offerOrdered(frame);
        outbox.flush();
    }

    @Override
    public void onWritabilityChanged() {
        outbox.onWritabilityChanged();
    }

    @Override
    public void onClosed() {
        closed = true;
        deferred.clear();
        subscriptions.values().forEach(context.hub()::unsubscribe);
        subscriptions.clear();
        candles.close();
        admission.close();
        outbox.discard();
    }
}
