package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.tickstream.account.AccountEvent;
import io.tickstream.account.AccountEventParser;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamHistory;
import io.tickstream.bus.StreamPosition;
import io.tickstream.instrument.Instrument;
import io.tickstream.metrics.ThrottledLog;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StatePaths;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import io.tickstream.trade.TradeParser;
import io.tickstream.trade.TradePrint;
import io.tickstream.transport.deflate.FrameDeflater;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes bus messages to topics and manages who subscribes to what: one topic per watched
 * instrument, one per account with a session here. Bus callbacks arrive on the bus's thread;
 * subscribe and unsubscribe are called on the subscriber's event loop. The bus is subscribed to a
 * key only while its topic has a subscriber on this node. After a bus reconnect every trade and
 * account stream is caught up from the bus's history, and when a history could not fill a hole
 * every watched state is sent again.
 */
public final class Hub implements BusListener, StreamEvents {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    /** Live stream messages a topic keeps while it catches up from the history; past it, it reports a gap. */
    private static final int MAX_WAITING = 10_000;

    private final Bus bus;
    private final List<TopicView> views;
    private final Map<TopicView, Integer> viewIndex = new IdentityHashMap<>();
    private final ByteBufAllocator alloc;
    private final FrameDeflater deflater;
    private final HubMeters meters = new HubMeters(this::activeInstruments, this::activeAccounts);
    private final OutboxMeters outboxMeters = new OutboxMeters();
    private final RecoveryMeters recoveryMeters = new RecoveryMeters();
    private final Resumes resumes;
    private final AtomicBoolean resendPending = new AtomicBoolean();
    private final AtomicBoolean sizingHistory = new AtomicBoolean();
    private final ThrottledLog badInputLog = new ThrottledLog(log, 1000);
    private final ThrottledLog staleLog = new ThrottledLog(log, 1000);
    private final long maxSeqJump;
    private final ThrottledLog failureLog = new ThrottledLog(log, 1000);
    private final Map<String, InstrumentTopic> instruments = new ConcurrentHashMap<>();
    private final Map<String, AccountTopic> accounts = new ConcurrentHashMap<>();
    private final Topic.BusInterest instrumentInterest = new InstrumentInterest();
    private final Topic.BusInterest accountInterest = new AccountInterest();

    /**
     * @param deflater compresses each view's frames once for the sessions that speak permessage-deflate
     */
    public Hub(Bus bus, List<? extends TopicView> views, ByteBufAllocator alloc, FrameDeflater deflater) {
        this(bus, views, alloc, deflater, InstrumentState.DEFAULT_MAX_SEQ_JUMP);
    }

    /**
     * @param maxSeqJump how far above an instrument's {@code seq} an update may go without a new
     *                   epoch; one further is refused and counted, not adopted
     */
    public Hub(Bus bus, List<? extends TopicView> views, ByteBufAllocator alloc, FrameDeflater deflater, long maxSeqJump) {
        this.maxSeqJump = maxSeqJump;
        this.bus = bus;
        this.views = List.copyOf(views);
        this.alloc = alloc;
        this.deflater = deflater;
        this.resumes = new Resumes(bus, recoveryMeters);
        for (int i = 0; i < this.views.size(); i++) {
            viewIndex.put(this.views.get(i), i);
        }
    }

    /**
     * Subscribes a connection to an instrument's state through a view and sends it the current
     * state (where one is known) before any later change. Call on the connection's event loop.
     */
    public Subscription subscribe(SessionOutbox outbox, Instrument instrument, StateView view) {
        return subscribe(outbox, instrument, view, 0);
    }

    /**
     * Subscribes as {@link #subscribe(SessionOutbox, Instrument, StateView)}, at most {@code maxRate}
     * messages a second when it is positive (SPEC §13): the newest state once a period, encoded once
     * for every subscriber of the view at that rate.
     */
    public Subscription subscribe(SessionOutbox outbox, Instrument instrument, StateView view, double maxRate) {
        int index = indexOf(view, outbox);
        long periodNanos = maxRate > 0 ? Math.round(1e9 / maxRate) : 0;
        while (true) {
            InstrumentTopic topic = instrumentTopic(instrument);
            InstrumentTopic.Registered registered = periodNanos > 0 ? topic.registerRated(outbox, index, periodNanos)
                    : topic.register(outbox, index, true);
            if (registered == null) {
                instruments.remove(instrument.id(), topic);
                continue;
            }
            meters.subscribed();
            if (registered.snapshot().version() > 0) {
                ByteBuf frame = view.encodeSnapshot(registered.snapshot(), alloc);
                if (frame != null) {
                    outbox.offerConflatable(registered.subscription(), frame);
                    outbox.flush();
                }
            }
            return registered.subscription();
        }
    }

    /**
     * Subscribes a connection to an instrument's trade prints, resuming after {@code since} when
     * given (else from now). Call on the connection's event loop.
     */
    public StreamJoin<TradePrint> joinTrades(SessionOutbox outbox, Instrument instrument, TradeView view,
                                             StreamPosition since, IntConsumer charge) {
        meters.subscribed();
        int index = indexOf(view, outbox);
        Replay.Encoders<TradePrint> encoders = new Replay.Encoders<>() {
            @Override
            public ByteBuf message(TradePrint trade) {
                return view.encode(instrument, trade, alloc);
            }

            @Override
            public ByteBuf gap(StreamPosition next) {
                return view.encodeGap(instrument, next, alloc);
            }
        };
        while (true) {
            InstrumentTopic topic = instrumentTopic(instrument);
            StreamJoin.Start start = topic.joinTrades(outbox, index);
            if (start != null) {
                return resumes.join(start, BusChannel.TRADES, instrument.id(), since, encoders, TradeParser::parse, charge);
            }
            instruments.remove(instrument.id(), topic);
        }
    }

    /**
     * Subscribes a session to its account's private events, resuming after {@code since} when
     * given (else from now). Call on the connection's event loop.
     */
    public StreamJoin<AccountEvent> joinAccount(SessionOutbox outbox, String account, AccountView view,
                                                StreamPosition since, IntConsumer charge) {
        int index = indexOf(view, outbox);
        Replay.Encoders<AccountEvent> encoders = new Replay.Encoders<>() {
            @Override
            public ByteBuf message(AccountEvent event) {
                return view.encode(event, alloc);
            }

            @Override
            public ByteBuf gap(StreamPosition next) {
                return view.encodeGap(next, alloc);
            }
        };
        while (true) {
            AccountTopic topic = accounts.computeIfAbsent(account, key -> new AccountTopic(key, views, alloc, deflater,
                    accountInterest, meters, history(BusChannel.ACCOUNT, key),
                    recoveryMeters.account(), MAX_WAITING, this));
            StreamJoin.Start start = topic.join(outbox, index);
            if (start != null) {
                return resumes.join(start, BusChannel.ACCOUNT, account, since, encoders, AccountEventParser::parse, charge);
            }
            accounts.remove(account, topic);
        }
    }

    /** Ends a subscription. Call on the connection's event loop. */
    public void unsubscribe(Subscription subscription) {
        if (subscription.topic.isInstrument()) {
            meters.unsubscribed();
        }
        subscription.topic.remove(subscription);
    }

    @Override
    public void onMessage(BusChannel kind, String key, String payload) {
        long receivedNanos = System.nanoTime();
        meters.busMessage();
        try {
            switch (kind) {
                case MARKET_DATA -> {
                    InstrumentTopic topic = instruments.get(key);
                    if (topic != null) {
                        apply(topic, StateUpdateParser.parse(payload), receivedNanos);
                        return;
                    }
                }
                case TRADES -> {
                    InstrumentTopic topic = instruments.get(key);
                    if (topic != null) {
                        meters.tradeIn();
                        topic.apply(TradeParser.parse(payload, System.currentTimeMillis()), receivedNanos);
                        return;
                    }
                }
                case ACCOUNT -> {
                    AccountTopic topic = accounts.get(key);
                    if (topic != null) {
                        meters.accountEventIn();
                        topic.apply(AccountEventParser.parse(payload, System.currentTimeMillis()), receivedNanos);
                        return;
                    }
                }
            }
            meters.unrouted();
        } catch (MalformedUpdateException e) {
            meters.malformed();
            badInputLog.warn("dropped a malformed {} message for {}: {}", kind.segment(), key, e.getMessage());
        } catch (EncodingException e) {
            meters.encodeFailed();
            failureLog.warn("a {} message for {} reached no client: {}", kind.segment(), key, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Nothing may escape into the bus's thread: it would stop delivering to every topic.
            meters.busMessageFailed();
            failureLog.warn("a {} message for {} failed: {}", kind.segment(), key, e.toString(), e);
        }
    }

    /** Resubscribes everything, reloads every state and catches every trade and account stream up. */
    @Override
    public void onReconnected() {
        log.info("bus reconnected: resubscribing {} instruments and {} accounts", instruments.size(), accounts.size());
        instruments.values().forEach(this::attach);
        accounts.values().forEach(this::attach);
    }

    /** Asks, once for all the gaps of a moment, for every watched state to be sent again. */
    @Override
    public void gapped() {
        if (resendPending.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::resendStates, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void encodeFailed(EncodingException failure) {
        meters.encodeFailed();
        failureLog.warn("a recovered message or gap notice reached no client: {}", failure.getMessage(), failure);
    }

    private void resendStates() {
        resendPending.set(false);
        log.info("sending the state of {} instruments again after a gap", instruments.size());
        for (InstrumentTopic topic : instruments.values()) {
            try {
                topic.resendState();
            } catch (EncodingException e) {
                encodeFailed(e);
            }
        }
    }

    /**
     * The current state of an instrument, whether or not anyone here watches it: the live state of
     * its topic when it has one, else the state stored on the bus merged into the initial state.
     * Any thread; completes on the bus's thread (or at once).
     */
    public CompletionStage<InstrumentState> currentState(Instrument instrument) {
        InstrumentTopic topic = instruments.get(instrument.id());
        InstrumentState live = topic == null ? null : topic.state();
        if (live != null && live.version() > 0) {
            return CompletableFuture.completedFuture(live);
        }
        return bus.loadState(instrument.id()).thenApply(paths -> {
            InstrumentState initial = InstrumentState.initial(instrument);
            try {
                return paths.isEmpty() ? initial : initial.merge(StatePaths.toUpdate(paths), nowMicros());
            } catch (MalformedUpdateException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * A new connection's outbox, counted with the others. Call on the connection's event loop.
     *
     * @param maxQueued undelivered ordered frames past which the connection is closed as a slow consumer
     */
    public SessionOutbox outbox(Channel channel, int maxQueued) {
        return new SessionOutbox(channel, outboxMeters, maxQueued, deflater);
    }

    /** What came off the bus and what became of it. */
    public HubMeters meters() {
        return meters;
    }

    /** What the delivery guarantees did: recoveries, gaps, history reads. */
    public RecoveryMeters recoveryMeters() {
        return recoveryMeters;
    }

    /**
     * Sums, off the caller's thread, how many messages the histories of the streams watched here
     * hold, into {@link #recoveryMeters()}; one sizing at a time. Any thread.
     */
    public void sizeHistories() {
        if (!sizingHistory.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Long> trades = sum(BusChannel.TRADES, instruments.keySet());
        CompletableFuture<Long> events = sum(BusChannel.ACCOUNT, accounts.keySet());
        CompletableFuture.allOf(trades, events).whenComplete((ignored, failure) -> {
            sizingHistory.set(false);
            if (failure == null) {
                recoveryMeters.trades().historySize(trades.join());
                recoveryMeters.account().historySize(events.join());
            }
        });
    }

    private CompletableFuture<Long> sum(BusChannel kind, java.util.Set<String> keys) {
        CompletableFuture<Long> total = CompletableFuture.completedFuture(0L);
        for (String key : List.copyOf(keys)) {
            CompletableFuture<Long> one = bus.historyLength(kind, key).toCompletableFuture();
            total = total.thenCombine(one, Long::sum);
        }
        return total;
    }

    /** What the outboxes wrote, conflated and cut off. */
    public OutboxMeters outboxMeters() {
        return outboxMeters;
    }

    /** Instruments with at least one subscriber on this node. */
    public int activeInstruments() {
        return instruments.size();
    }

    /** Accounts with at least one session on this node. */
    public int activeAccounts() {
        return accounts.size();
    }

    private InstrumentTopic instrumentTopic(Instrument instrument) {
        return instruments.computeIfAbsent(instrument.id(), id -> new InstrumentTopic(instrument, views, alloc, deflater,
                instrumentInterest, meters, history(BusChannel.TRADES, id),
                recoveryMeters.trades(), MAX_WAITING, this));
    }

    private StreamCursor.HistoryReader history(BusChannel kind, String key) {
        return (epoch, afterSeq) -> bus.history(kind, key, epoch, afterSeq);
    }

    /** A view's index for a session: past the plain views for one that takes compressed frames (see {@link Topic}). */
    private int indexOf(TopicView view, SessionOutbox outbox) {
        Integer index = viewIndex.get(view);
        if (index == null) {
            throw new IllegalArgumentException("view not registered with the hub: " + view);
        }
        return outbox.compresses() ? index + views.size() : index;
    }

    private void apply(InstrumentTopic topic, StateUpdate update, long receivedNanos) throws MalformedUpdateException {
        switch (topic.apply(update, maxSeqJump, nowMicros(), receivedNanos)) {
            case CHANGED -> meters.stateChanged();
            case UNCHANGED -> meters.unchanged();
            case STALE -> {
                meters.stale();
                InstrumentState current = topic.state();
                staleLog.warn("ignored an update of {}: seq {} is not above {} of epoch {} (send a new \"epoch\" after"
                        + " a publisher restart)", topic.key(), update.seq(), current.seq(), current.epoch());
            }
            case JUMPED -> {
                meters.seqJumped();
                InstrumentState current = topic.state();
                staleLog.warn("refused an update of {}: seq {} is more than {} above {} of epoch {} (bus.maxSeqJump;"
                        + " a new \"epoch\" may start anywhere)", topic.key(), update.seq(), maxSeqJump, current.seq(),
                        current.epoch());
            }
        }
    }

    /**
     * Subscribes the bus for an instrument, then loads the stored state so a late joiner is
     * current, and reads where its trade stream stands. A stored state gone missing for an
     * instrument that had one (Redis restarted empty) counts as a gap.
     */
    private void attach(InstrumentTopic topic) {
        String id = topic.key();
        bus.subscribe(BusChannel.TRADES, id).whenComplete((ignored, failure) -> {
            subscribeFailed(BusChannel.TRADES, id, failure);
            topic.resyncTrades();
        });
        bus.subscribe(BusChannel.MARKET_DATA, id)
                .whenComplete((ignored, failure) -> subscribeFailed(BusChannel.MARKET_DATA, id, failure))
                .thenCompose(ignored -> bus.loadState(id))
                .whenComplete((paths, failure) -> {
                    if (failure != null) {
                        log.warn("could not load the stored state of {}: {}", id, failure.toString());
                    } else if (!paths.isEmpty()) {
                        applyStored(topic, paths);
                    } else if (topic.state().version() > 0) {
                        gapped();
                    }
                });
    }

    /** Subscribes the bus for an account, then reads where its stream stands. */
    private void attach(AccountTopic topic) {
        bus.subscribe(BusChannel.ACCOUNT, topic.key()).whenComplete((ignored, failure) -> {
            subscribeFailed(BusChannel.ACCOUNT, topic.key(), failure);
            topic.resync();
        });
    }

    /**
     * Logs and counts a bus subscribe that failed (null: it did not). The bus link resubscribes its
     * channels when it reconnects, and {@link #onReconnected} reads every stream again then.
     */
    private void subscribeFailed(BusChannel kind, String key, Throwable failure) {
        if (failure != null) {
            meters.busSubscribeFailed();
            failureLog.warn("could not subscribe the bus to the {} of {}: {}", kind.segment(), key, failure.toString());
        }
    }

    /**
     * Merges the state stored on the bus into a topic that has just been attached. A stored state
     * older than what already came live is simply dropped: it is not a stale publisher.
     */
    private void applyStored(InstrumentTopic topic, Map<String, String> paths) {
        try {
            // The publishers' own record, adopted however far ahead: after a reconnect it may well be.
            InstrumentTopic.Outcome outcome = topic.apply(StatePaths.toUpdate(paths), Long.MAX_VALUE, nowMicros(),
                    System.nanoTime());
            if (outcome == InstrumentTopic.Outcome.CHANGED) {
                meters.stateChanged();
            }
        } catch (EncodingException e) {
            meters.encodeFailed();
            failureLog.warn("the stored state of {} reached no client: {}", topic.key(), e.getMessage(), e);
        } catch (MalformedUpdateException e) {
            meters.malformed();
            badInputLog.warn("ignored malformed stored state of {}: {}", topic.key(), e.getMessage());
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Instrument channels by reference count: first subscriber in, last subscriber out. */
    private final class InstrumentInterest implements Topic.BusInterest {
        @Override
        public void acquire(Topic topic) {
            attach((InstrumentTopic) topic);
        }

        /**
         * Unsubscribes the bus before the topic leaves the map: a subscriber that comes meanwhile
         * still finds the retired topic, waits for its monitor and makes a new one only after the
         * unsubscribe was issued, so its subscribe is never undone by it.
         */
        @Override
        public void release(Topic topic) {
            bus.unsubscribe(BusChannel.MARKET_DATA, topic.key());
            bus.unsubscribe(BusChannel.TRADES, topic.key());
            instruments.remove(topic.key(), topic);
        }
    }

    /** Account channels by reference count: first session in, last session out. */
    private final class AccountInterest implements Topic.BusInterest {
        @Override
        public void acquire(Topic topic) {
            attach((AccountTopic) topic);
        }

        /** Unsubscribes the bus before the topic leaves the map, as for instruments. */
        @Override
        public void release(Topic topic) {
            bus.unsubscribe(BusChannel.ACCOUNT, topic.key());
            accounts.remove(topic.key(), topic);
        }
    }
}
