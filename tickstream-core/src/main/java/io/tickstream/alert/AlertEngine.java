package io.tickstream.alert;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates price alerts as values change (SPEC §11). Per instrument and field the thresholds are
 * kept sorted ({@link Thresholds}), so a change costs O(log n + fired) and allocates nothing when
 * it fires nothing. What fires goes to the {@link AlertSink}, which reports back with
 * {@link #settled}. Thread-safe: each instrument has its own monitor.
 */
public final class AlertEngine {

    private final AlertSink sink;
    private final AlertSink.Instruments instruments;
    private final AlertCounters counters = new AlertCounters();
    private final Map<String, InstrumentAlerts> books = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** Guarded by its own monitor. */
    private final PriorityQueue<Watch> expiries = new PriorityQueue<>(Comparator.comparingLong(w -> w.alert.expiresAt()));

    public AlertEngine(AlertSink sink, AlertSink.Instruments instruments) {
        this.sink = sink;
        this.instruments = instruments;
    }

    /**
     * Starts evaluating an active alert (again, after a restart, with its status); one already
     * here is left as it is.
     */
    public void add(Alert alert, AlertStatus status, long nowMillis) {
        if (status.state() != AlertState.ACTIVE) {
            return;
        }
        Watch watch = new Watch(alert, status);
        if (watches.putIfAbsent(alert.id(), watch) != null) {
            return;
        }
        if (alert.expiresAt() > 0) {
            synchronized (expiries) {
                expiries.add(watch);
            }
        }
        boolean[] first = {false};
        // Added inside compute, so that a sweep cannot retire the book between lookup and add.
        books.compute(alert.instrumentId(), (id, book) -> {
            InstrumentAlerts target = book;
            if (target == null) {
                first[0] = true;
                target = new InstrumentAlerts(sink, counters);
            }
            target.add(watch, nowMillis);
            return target;
        });
        if (first[0]) {
            instruments.watch(alert.instrumentId());
        }
    }

    /** Stops evaluating an alert (canceled, or ended by another node); false when it was not evaluated. */
    public boolean remove(String alertId) {
        Watch watch = watches.remove(alertId);
        if (watch == null) {
            return false;
        }
        synchronized (expiries) {
            expiries.remove(watch);
        }
        InstrumentAlerts book = books.get(watch.alert.instrumentId());
        return book != null && book.remove(watch);
    }

    /** Whether an alert is being evaluated here. */
    public boolean contains(String alertId) {
        return watches.containsKey(alertId);
    }

    /** Whether some alert watches an instrument: only then is a change worth reading. */
    public boolean watches(String instrumentId) {
        return books.containsKey(instrumentId);
    }

    /** A quote change of an instrument; a side this update did not set is null. */
    public void quote(String instrumentId, BigDecimal bid, BigDecimal ask, long nowMillis) {
        InstrumentAlerts book = books.get(instrumentId);
        if (book != null) {
            book.quote(bid, ask, nowMillis);
        }
    }

    /**
     * Gives an instrument's alerts the values known before they came (its stored state, its
     * latest trade) for the fields no live change has set yet; null where unknown.
     */
    public void seed(String instrumentId, BigDecimal bid, BigDecimal ask, BigDecimal last, long nowMillis) {
        InstrumentAlerts book = books.get(instrumentId);
        if (book != null) {
            book.seed(bid, ask, last, nowMillis);
        }
    }

    /** A trade print of an instrument. */
    public void trade(String instrumentId, BigDecimal price, long nowMillis) {
        InstrumentAlerts book = books.get(instrumentId);
        if (book != null) {
            book.trade(price, nowMillis);
        }
    }

    /** What the store holds for an alert after a firing was attempted: it ends, or re-arms. */
    public void settled(String alertId, AlertStatus status, long nowMillis) {
        Watch watch = watches.get(alertId);
        if (watch == null) {
            return;
        }
        if (status.state() != AlertState.ACTIVE) {
            watches.remove(alertId, watch);
            synchronized (expiries) {
                expiries.remove(watch);
            }
        }
        books.get(watch.alert.instrumentId()).settled(watch, status, nowMillis);
    }

    /** Ends the alerts whose expiry has passed and re-arms those whose cooldown has. Call now and then. */
    public void sweep(long nowMillis) {
        while (true) {
            Watch due;
            synchronized (expiries) {
                Watch head = expiries.peek();
                if (head == null || head.alert.expiresAt() > nowMillis) {
                    break;
                }
                due = expiries.poll();
            }
            if (remove(due.alert.id())) {
                sink.expire(due.alert);
            }
        }
        books.values().forEach(book -> book.sweep(nowMillis));
        for (String id : books.keySet()) {
            boolean[] retired = {false};
            books.computeIfPresent(id, (key, book) -> {
                retired[0] = book.size() == 0;
                return retired[0] ? null : book;
            });
            if (retired[0]) {
                instruments.unwatch(id);
            }
        }
    }

    /** Alerts being evaluated. */
    public int active() {
        return watches.size();
    }

    public AlertCounters counters() {
        return counters;
    }
}
