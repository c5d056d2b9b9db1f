package io.tickstream.alert;

import io.tickstream.auth.Principal;
import io.tickstream.bus.Bus;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.BusListener;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.hub.Hub;
import io.tickstream.instrument.Instrument;
import io.tickstream.metrics.ThrottledLog;
import io.tickstream.protocol.Symbols;
import io.tickstream.state.FieldChange;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateField;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import io.tickstream.trade.TradeParser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's price alerts (SPEC §11, README "Price alerts"): create, list and cancel for the
 * protocols and the HTTP API, and evaluation of every active alert of the store, whether or not
 * anyone watches its instrument here. The instruments with alerts are subscribed on the bus by the
 * alerts themselves ({@link SharedBus}); their changes are judged on the bus's thread before the
 * hub sees them. Every node evaluates every alert: the store's atomic firing makes each firing
 * one event, and a node that dies leaves the others evaluating. Decided firings go to the store on
 * the alerts' own thread. Thread-safe.
 */
public final class Alerts implements AlertSink, AlertSink.Instruments, BusListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final long SWEEP_EVERY_MS = 250;
    /** A firing the store could not take is tried again after this. */
    private static final long RETRY_AFTER_MS = 1_000;

    private final AlertStore store;
    private final AlertSettings settings;
    private final Bus bus;
    private final Hub hub;
    private final CatalogRefresher catalog;
    private final LongSupplier clock;
    private final AlertEngine engine = new AlertEngine(this, this);
    private final AlertMeters meters = new AlertMeters(engine);
    private final ThrottledLog failureLog = new ThrottledLog(log, 1000);
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-alerts");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param bus the alerts' side of the {@link SharedBus}
     */
    public Alerts(AlertStore store, AlertSettings settings, Bus bus, Hub hub, CatalogRefresher catalog,
                  LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.bus = bus;
        this.hub = hub;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Loads the stored alerts and starts evaluating them, following what other nodes create and end. */
    public CompletionStage<Void> start() {
        store.follow((account, id) -> worker.execute(() -> changedElsewhere(account, id)));
        worker.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_MS, SWEEP_EVERY_MS, TimeUnit.MILLISECONDS);
        return store.loadActive().thenAccept(active -> {
            active.forEach(this::evaluate);
            log.info("evaluating {} price alerts", active.size());
        });
    }

    /**
     * Creates an alert for the principal's account; fails with an {@link AlertException} when the
     * credential may not, the symbol is unknown or out of scope, or the account is at its limit.
     */
    public CompletionStage<AlertStore.Stored> create(Principal principal, AlertRequest request) {
        if (!principal.privateEvents()) {
            return refused("forbidden", "This credential does not receive private events: it cannot set alerts");
        }
        Optional<Instrument> instrument = Symbols.resolve(catalog.catalog(), request.symbol(), principal);
        if (instrument.isEmpty()) {
            return refused(null, "Unknown symbol: " + request.symbol());
        }
        long now = clock.getAsLong();
        if (request.expiresAt() > 0 && request.expiresAt() <= now) {
            return refused("invalid_alert", "Invalid field: expiresAt is in the past");
        }
        Alert alert = new Alert(UUID.randomUUID().toString(), principal.account(), instrument.get().name(),
                instrument.get().id(), request.field(), request.condition(), request.price(), request.once(),
                request.cooldownSeconds() * 1000, request.expiresAt(), request.note(), request.clientId(), now);
        int limit = settings.limitFor(principal.account());
        return store.create(alert, limit).thenApply(created -> {
            if (!created) {
                meters.refused();
                throw new AlertException("alert_limit", "At most " + limit + " active alerts per account");
            }
            AlertStore.Stored stored = new AlertStore.Stored(alert, AlertStatus.NEW);
            evaluate(stored);
            return stored;
        });
    }

    /** An account's alerts. */
    public CompletionStage<List<AlertStore.Stored>> list(String account) {
        return store.list(account);
    }

    /** Cancels one of the account's alerts; fails with an {@link AlertException} when it has no such alert. */
    public CompletionStage<AlertStore.Stored> cancel(String account, String id) {
        return store.cancel(account, id).thenApply(canceled -> {
            if (canceled == null) {
                meters.refused();
                throw new AlertException("unknown_alert", "No such alert: " + id);
            }
            engine.remove(id);
            return canceled;
        });
    }

    /** Counts a request refused before it reached the alerts (bad input). */
    public void refusedRequest() {
        meters.refused();
    }

    /** Alerts being evaluated on this node. */
    public int active() {
        return engine.active();
    }

    public AlertMeters meters() {
        return meters;
    }

    /** Judges the quote changes and trade prints of instruments with alerts. Called on the bus's thread. */
    @Override
    public void onMessage(BusChannel kind, String key, String payload) {
        if (kind == BusChannel.ACCOUNT || !engine.watches(key)) {
            return;
        }
        try {
            long now = clock.getAsLong();
            if (kind == BusChannel.TRADES) {
                BigDecimal price = positive(TradeParser.parse(payload, now).price());
                if (price != null) {
                    engine.trade(key, price, now);
                }
                return;
            }
            StateUpdate update = StateUpdateParser.parse(payload);
            BigDecimal bid = null;
            BigDecimal ask = null;
            for (FieldChange change : update.changes()) {
                if (change.level() == 1 && change.field() == StateField.BUY_PRICE) {
                    bid = positive(change.value());
                } else if (change.level() == 1 && change.field() == StateField.SELL_PRICE) {
                    ask = positive(change.value());
                }
            }
            if (bid != null || ask != null) {
                engine.quote(key, bid, ask, now);
            }
        } catch (MalformedUpdateException | NumberFormatException e) {
            meters.malformed();
        } catch (RuntimeException e) {
            // Nothing may escape into the bus's thread: the hub gets this message next.
            failureLog.warn("judging a {} message of {} failed: {}", kind.segment(), key, e.toString(), e);
        }
    }

    @Override
    public void fire(Alert alert, long generation, BigDecimal value, long atMillis) {
        worker.execute(() -> publish(alert, generation, value, atMillis));
    }

    @Override
    public void expire(Alert alert) {
        worker.execute(() -> store.expire(alert).whenComplete((done, failure) -> {
            if (failure != null) {
                meters.storeFailed();
                failureLog.warn("could not mark alert {} expired: {}", alert.id(), failure.toString());
            }
        }));
    }

    @Override
    public void watch(String instrumentId) {
        bus.subscribe(BusChannel.MARKET_DATA, instrumentId);
        bus.subscribe(BusChannel.TRADES, instrumentId);
    }

    @Override
    public void unwatch(String instrumentId) {
        if (!engine.watches(instrumentId)) {
            bus.unsubscribe(BusChannel.MARKET_DATA, instrumentId);
            bus.unsubscribe(BusChannel.TRADES, instrumentId);
        }
    }

    private void publish(Alert alert, long generation, BigDecimal value, long atMillis) {
        CompletionStage<AlertStore.Firing> firing;
        try {
            firing = store.fire(alert, generation, AlertJson.event(alert, value, atMillis));
        } catch (RuntimeException e) {
            firing = CompletableFuture.failedFuture(e);
        }
        firing.whenComplete((outcome, failure) -> {
            long now = clock.getAsLong();
            if (failure != null) {
                meters.storeFailed();
                failureLog.warn("could not fire alert {} (tried again): {}", alert.id(), failure.toString());
                worker.schedule(() -> engine.settled(alert.id(), new AlertStatus(AlertState.ACTIVE, generation, 0),
                        clock.getAsLong()), RETRY_AFTER_MS, TimeUnit.MILLISECONDS);
                return;
            }
            if (outcome.fired()) {
                meters.published(atMillis, now);
            } else {
                meters.firedElsewhere();
            }
            engine.settled(alert.id(), outcome.status(), now);
        });
    }

    /** Starts evaluating a stored active alert, with the values its instrument already has. */
    private void evaluate(AlertStore.Stored stored) {
        Alert alert = stored.alert();
        engine.add(alert, stored.status(), clock.getAsLong());
        Optional<Instrument> instrument = catalog.catalog().byId(alert.instrumentId());
        if (instrument.isEmpty()) {
            return;
        }
        hub.currentState(instrument.get()).whenComplete((state, failure) -> {
            if (failure == null) {
                seed(alert.instrumentId(), state);
            }
        });
    }

    private void seed(String instrumentId, InstrumentState state) {
        try {
            engine.seed(instrumentId, positive(state.value(StateField.BUY_PRICE, 1)),
                    positive(state.value(StateField.SELL_PRICE, 1)), positive(state.value(StateField.LAST_PRICE, 0)),
                    clock.getAsLong());
        } catch (NumberFormatException e) {
            meters.malformed();
        }
    }

    /** Another node created or ended an alert: evaluate it here too, or stop. */
    private void changedElsewhere(String account, String id) {
        store.get(account, id).whenComplete((stored, failure) -> {
            if (failure != null) {
                meters.storeFailed();
                failureLog.warn("could not read alert {} of {}: {}", id, account, failure.toString());
            } else if (stored == null || stored.status().state() != AlertState.ACTIVE) {
                engine.remove(id);
            } else if (!engine.contains(id)) {
                evaluate(stored);
            }
        });
    }

    private void sweep() {
        try {
            engine.sweep(clock.getAsLong());
        } catch (RuntimeException e) {
            failureLog.warn("the alert sweep failed: {}", e.toString(), e);
        }
    }

    /** A price as text, or null when it is not a positive number (no quote yet reads as 0). */
    private static BigDecimal positive(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        return value.signum() > 0 ? value : null;
    }

    private <T> CompletionStage<T> refused(String code, String message) {
        meters.refused();
        return CompletableFuture.failedFuture(new AlertException(code, message));
    }

    @Override
    public void close() {
        worker.shutdownNow();
        store.close();
    }
}
