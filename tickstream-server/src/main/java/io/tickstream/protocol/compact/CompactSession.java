package io.tickstream.protocol.compact;

import io.netty.buffer.ByteBuf;
import io.tickstream.account.AccountEvent;
import io.tickstream.alert.AlertCommands;
import io.tickstream.alert.AlertFrames;
import io.tickstream.auth.Principal;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candlefeed.CandleWatches;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.hub.StreamJoin;
import io.tickstream.hub.Subscription;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.Admission;
import io.tickstream.protocol.InboundGate;
import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.SubscriptionRate;
import io.tickstream.protocol.Symbols;
import io.tickstream.transport.CloseCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One compact-protocol connection (README, "The compact protocol"): {@code {"authorization":..}} first, then quote
 * subscriptions by case-insensitive symbol, text {@code ping}/{@code pong}, and the account's
 * private events as marker arrays. Confined to the connection's event loop.
 */
final class CompactSession implements MessageEndpoint.Session {

    private final ProtocolContext context;
    private final CompactViews views;
    private final SessionOutbox outbox;
    private final CompactReplies replies;
    private final Admission admission;
    private final InboundGate inbound;
    private final Map<Instrument, Subscription> quotes = new LinkedHashMap<>();
    private boolean closed;
    private final CandleWatches candles;

    CompactSession(ProtocolContext context, CompactViews views, SessionOutbox outbox) {
        this.context = context;
        this.views = views;
        this.outbox = outbox;
        this.replies = new CompactReplies(outbox.channel().alloc());
        this.candles = new CandleWatches(context.candles(), outbox, views.candles());
        this.admission = new Admission(context, outbox, expiresInMs -> send(replies.tokenExpiring(expiresInMs)));
        outbox.connection().onRightsChanged(this::rightsChanged);
        this.inbound = new InboundGate(context, outbox,
                retryAfter -> replies.error("rate_limited", "Too many messages", retryAfter));
    }

    @Override
    public void start() {
        admission.startTimer(() -> outbox.connection().close(CloseCodes.POLICY_VIOLATION,
                "authentication timeout"));
    }

    @Override
    public boolean admitFrame() {
        return inbound.admit();
    }

    @Override
    public void onText(String text) {
        if (text.strip().equals("ping")) {
            send(replies.pong());
            return;
        }
        CompactMessage message;
        try {
            message = CompactMessageParser.parse(text);
        } catch (CompactMessageParser.InvalidMessage e) {
            error(e.getMessage());
            return;
        }
        if (message.authorization() != null) {
            authorize(message.authorization());
        } else if (!admission.admitted()) {
            error("Authorization required");
        } else if ("subscribe".equals(message.event())) {
            subscribe(message);
        } else if ("unsubscribe".equals(message.event())) {
            unsubscribe(message);
        } else if (AlertCommands.handles(message.event())) {
            alert(message.event(), text);
        } else {
            error(message.event() == null ? "Missing field: event" : "Unknown event: " + message.event());
        }
    }

    /** An alert request: its reply (or error) is sent when the store answers. */
    private void alert(String event, String text) {
        new AlertCommands(context.alerts(), AlertFrames.compact(), "data")
                .answer(event, text, admission.principal(), outbox.channel().alloc(),
                        (code, error) -> replies.error(code, error, -1))
                .whenComplete((frame, failure) -> outbox.channel().eventLoop().execute(() -> {
                    if (closed) {
                        frame.release();
                    } else {
                        send(frame);
                    }
                }));
    }

    private void authorize(String credential) {
        if (admission.admitted()) {
            switch (admission.refresh(credential)) {
                case REFRESHED -> send(replies.authorized());
                case BAD_CREDENTIAL -> error("Invalid authorization");
                case EXPIRED -> error("The authorization has expired");
                case OTHER_ACCOUNT -> error("The authorization is for another account");
            }
            return;
        }
        switch (admission.admit(credential, views.account(), null)) {
            case ADMITTED -> {
                send(replies.authorized());
                StreamJoin<AccountEvent> events = admission.accountStream();
                if (events != null) {
                    events.whenKnown(outcome -> events.finish());
                }
            }
            case BAD_CREDENTIAL -> outbox.connection().close(CloseCodes.POLICY_VIOLATION,
                    "authorization failed");
            case CONNECTION_LIMIT -> outbox.connection().close(CloseCodes.POLICY_VIOLATION,
                    "connection limit reached");
            case UNAVAILABLE -> {
                send(replies.error("unavailable", "The market data bus is unavailable; try again later",
                        context.bus().retryAfterMillis()));
                outbox.connection().close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable");
            }
        }
    }

    private void subscribe(CompactMessage message) {
        if (message.data() == null || message.data().isEmpty()) {
            error("Missing field: data");
            return;
        }
        if (message.channel() != null) {
            subscribeCandles(message);
            return;
        }
        if (message.maxRate() != null && !SubscriptionRate.valid(message.maxRate())) {
            error(SubscriptionRate.invalid("maxRate"));
            return;
        }
        double maxRate = SubscriptionRate.effective(message.maxRate(), admission.principal().maxRate());
        Set<String> subscribed = new LinkedHashSet<>();
        for (String symbol : message.data()) {
            var instrument = Symbols.resolve(context.catalog().catalog(), symbol, admission.principal());
            if (instrument.isEmpty()) {
                error("Unknown symbol: " + symbol);
            } else if (!quotes.containsKey(instrument.get()) && quotes.size() >= context.limits().maxSubscriptions()) {
                send(replies.error("subscription_limit", "Subscription limit of "
                        + context.limits().maxSubscriptions() + " reached: " + symbol + " not subscribed", -1));
            } else {
                subscribed.add(fold(instrument.get()));
                if (!quotes.containsKey(instrument.get())) {
                    quotes.put(instrument.get(), null);
                }
            }
        }
        if (subscribed.isEmpty()) {
            return;
        }
        send(replies.symbols("subscribed", subscribed));
        quotes.replaceAll((instrument, subscription) ->
                subscription != null ? subscription : context.hub().subscribe(outbox, instrument, views.quote(), maxRate));
    }

    private void unsubscribe(CompactMessage message) {
        if (message.data() == null || message.data().isEmpty()) {
            error("Missing field: data");
            return;
        }
        if (message.channel() != null) {
            unsubscribeCandles(message);
            return;
        }
        Set<String> removed = new LinkedHashSet<>();
        for (String symbol : message.data()) {
            Symbols.resolve(context.catalog().catalog(), symbol, admission.principal()).ifPresent(instrument -> {
                Subscription subscription = quotes.remove(instrument);
                if (subscription != null) {
                    context.hub().unsubscribe(subscription);
                    removed.add(fold(instrument));
                }
            });
        }
        send(replies.symbols("unsubscribed", removed));
    }

    /** {@code "channel":"candles"} with an {@code interval}: each symbol's live bars as {@code "k"} arrays. */
    private void subscribeCandles(CompactMessage message) {
        CandleInterval interval = candleInterval(message);
        if (interval == null) {
            return;
        }
        Set<String> subscribed = new LinkedHashSet<>();
        List<Instrument> added = new ArrayList<>();
        for (String symbol : message.data()) {
            var instrument = Symbols.resolve(context.catalog().catalog(), symbol, admission.principal());
            if (instrument.isEmpty()) {
                error("Unknown symbol: " + symbol);
            } else if (!candles.has(instrument.get(), interval)
                    && quotes.size() + candles.size() + added.size() >= context.limits().maxSubscriptions()) {
                send(replies.error("subscription_limit", "Subscription limit of "
                        + context.limits().maxSubscriptions() + " reached: " + symbol + " not subscribed", -1));
            } else if (subscribed.add(fold(instrument.get()))) {
                added.add(instrument.get());
            }
        }
        if (!added.isEmpty()) {
            send(replies.symbols("subscribed", subscribed));
            added.forEach(instrument -> candles.watch(instrument, interval));
        }
    }

    private void unsubscribeCandles(CompactMessage message) {
        CandleInterval interval = candleInterval(message);
        if (interval == null) {
            return;
        }
        Set<String> removed = new LinkedHashSet<>();
        for (String symbol : message.data()) {
            Symbols.resolve(context.catalog().catalog(), symbol, admission.principal())
                    .filter(instrument -> candles.unwatch(instrument, interval))
                    .ifPresent(instrument -> removed.add(fold(instrument)));
        }
        send(replies.symbols("unsubscribed", removed));
    }

    /** The interval of a candles message, or null after reporting what is wrong. */
    private CandleInterval candleInterval(CompactMessage message) {
        if (!"candles".equals(message.channel())) {
            error("Unknown channel: " + message.channel() + " (candles, or none for quotes)");
            return null;
        }
        CandleInterval interval = message.interval() == null ? null : CandleInterval.byLabel(message.interval());
        if (interval == null) {
            error((message.interval() == null ? "Missing field: interval" : "Unknown interval: " + message.interval())
                    + " (" + CandleInterval.labels() + ")");
        }
        return interval;
    }

    private static String fold(Instrument instrument) {
        return instrument.name().toLowerCase(Locale.ROOT);
    }

    /** The API key's rights changed: quotes of instruments it no longer permits end, each with an error. */
    private void rightsChanged(Principal changed) {
        quotes.entrySet().removeIf(entry -> {
            if (changed.mayRead(entry.getKey())) {
                return false;
            }
            if (entry.getValue() != null) {
                context.hub().unsubscribe(entry.getValue());
            }
            error("No longer permitted: " + entry.getKey().name().toLowerCase(Locale.ROOT));
            return true;
        });
        candles.retain(changed::mayRead).forEach(instrument -> error("No longer permitted: " + fold(instrument)));
        if (!changed.privateEvents()) {
            admission.stopPrivateEvents();
        }
    }

    private void error(String message) {
        context.meters().clientError();
        send(replies.error(null, message, -1));
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
        quotes.values().forEach(context.hub()::unsubscribe);
        quotes.clear();
        candles.close();
        admission.close();
        outbox.discard();
    }
}
