package io.tickstream.alert;

import java.math.BigDecimal;
import java.util.PriorityQueue;

/**
 * The alerts of one instrument and the latest values they are judged on. Every method holds the
 * instrument's monitor: changes come from the bus's thread, creations from event loops.
 */
final class InstrumentAlerts implements Thresholds.Reached {

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final AlertField[] FIELDS = AlertField.values();

    private final AlertSink sink;
    private final AlertCounters counters;
    private final Thresholds[] fields = new Thresholds[FIELDS.length];
    private final PriorityQueue<Watch> cooling = new PriorityQueue<>(
            (a, b) -> Long.compare(a.cooldownUntil(), b.cooldownUntil()));
    private BigDecimal bid;
    private BigDecimal ask;
    private BigDecimal last;
    private int size;
    private long now;

    InstrumentAlerts(AlertSink sink, AlertCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    synchronized int size() {
        return size;
    }

    /** Starts evaluating an alert; one whose condition already holds fires at once. */
    synchronized void add(Watch watch, long nowMillis) {
        now = nowMillis;
        size++;
        Thresholds thresholds = thresholds(watch.alert.field());
        BigDecimal current = value(watch.alert.field());
        if (!watch.alert.condition().crossing()) {
            if (watch.cooldownUntil() > nowMillis) {
                cool(watch);
            } else {
                thresholds.arm(watch);
            }
        } else if (current == null) {
            thresholds.awaitFirstValue(watch);
        } else {
            firstValue(watch, current);
        }
        if (current != null) {
            evaluate(watch.alert.field(), current);
        }
    }

    /** Stops evaluating an alert (canceled, ended elsewhere); false when it was not here. */
    synchronized boolean remove(Watch watch) {
        if (watch.phase == Watch.Phase.ENDED) {
            return false;
        }
        end(watch);
        return true;
    }

    /** A quote change: either side may be null when this update did not set it. */
    synchronized void quote(BigDecimal newBid, BigDecimal newAsk, long nowMillis) {
        now = nowMillis;
        rearmCooled();
        boolean bidChanged = newBid != null && (bid == null || bid.compareTo(newBid) != 0);
        boolean askChanged = newAsk != null && (ask == null || ask.compareTo(newAsk) != 0);
        if (bidChanged) {
            bid = newBid;
            evaluate(AlertField.BID, bid);
        }
        if (askChanged) {
            ask = newAsk;
            evaluate(AlertField.ASK, ask);
        }
        Thresholds mid = fields[AlertField.MID.ordinal()];
        if ((bidChanged || askChanged) && bid != null && ask != null && mid != null) {
            boolean crossed = bid.compareTo(ask) > 0;
            if (mid.quietBetween(crossed ? ask : bid, crossed ? bid : ask)) {
                counters.evaluated();
            } else {
                evaluate(AlertField.MID, bid.add(ask).multiply(HALF));
            }
        }
    }

    /**
     * Values read from elsewhere (the stored state) for the fields that have none yet: a live
     * value that came first is newer and stays.
     */
    synchronized void seed(BigDecimal storedBid, BigDecimal storedAsk, BigDecimal storedLast, long nowMillis) {
        quote(bid == null ? storedBid : null, ask == null ? storedAsk : null, nowMillis);
        if (last == null && storedLast != null) {
            trade(storedLast, nowMillis);
        }
    }

    synchronized void trade(BigDecimal price, long nowMillis) {
        now = nowMillis;
        rearmCooled();
        last = price;
        evaluate(AlertField.LAST, price);
    }

    /** Re-arms the level alerts whose cooldown has passed and judges them on the latest values. */
    synchronized void sweep(long nowMillis) {
        now = nowMillis;
        rearmCooled();
    }

    /** What the store holds after a firing was attempted: ends the alert or re-arms it. */
    synchronized void settled(Watch watch, AlertStatus status, long nowMillis) {
        if (watch.phase != Watch.Phase.FIRING) {
            return;
        }
        now = nowMillis;
        if (status.state() != AlertState.ACTIVE) {
            end(watch);
            return;
        }
        watch.fires = status.fires();
        watch.lastFiredAt = status.lastFiredAt();
        Thresholds thresholds = thresholds(watch.alert.field());
        BigDecimal current = value(watch.alert.field());
        if (!watch.alert.condition().crossing()) {
            cool(watch);
            rearmCooled();
        } else {
            thresholds.awaitReturn(watch);
            if (current != null) {
                evaluate(watch.alert.field(), current);
            }
        }
    }

    @Override
    public void armedReached(Watch watch, BigDecimal value) {
        if (watch.alert.expiredAt(now)) {
            end(watch);
            sink.expire(watch.alert);
        } else if (watch.cooldownUntil() > now) {
            // A crossing during the cooldown does not count: the value must go back across first.
            thresholds(watch.alert.field()).awaitReturn(watch);
        } else {
            watch.phase = Watch.Phase.FIRING;
            counters.fired();
            sink.fire(watch.alert, watch.fires, value, now);
        }
    }

    @Override
    public void rearmReached(Watch watch, BigDecimal value) {
        thresholds(watch.alert.field()).arm(watch);
    }

    @Override
    public void firstValue(Watch watch, BigDecimal value) {
        Thresholds thresholds = thresholds(watch.alert.field());
        int side = value.compareTo(watch.alert.price());
        boolean armed = watch.alert.condition().upward() ? side < 0 : side > 0;
        if (armed) {
            thresholds.arm(watch);
        } else {
            thresholds.awaitReturn(watch);
        }
    }

    private void evaluate(AlertField field, BigDecimal value) {
        Thresholds thresholds = fields[field.ordinal()];
        if (thresholds != null) {
            counters.evaluated();
            thresholds.evaluate(value, this);
        }
    }

    private void cool(Watch watch) {
        watch.phase = Watch.Phase.COOLING;
        cooling.add(watch);
    }

    private void rearmCooled() {
        while (!cooling.isEmpty() && cooling.peek().cooldownUntil() <= now) {
            Watch watch = cooling.poll();
            thresholds(watch.alert.field()).arm(watch);
            BigDecimal current = value(watch.alert.field());
            if (current != null) {
                evaluate(watch.alert.field(), current);
            }
        }
    }

    private void end(Watch watch) {
        if (watch.phase == Watch.Phase.COOLING) {
            cooling.remove(watch);
        } else {
            Thresholds thresholds = fields[watch.alert.field().ordinal()];
            if (thresholds != null) {
                thresholds.remove(watch);
            }
        }
        watch.phase = Watch.Phase.ENDED;
        size--;
    }

    private BigDecimal value(AlertField field) {
        return switch (field) {
            case BID -> bid;
            case ASK -> ask;
            case LAST -> last;
            case MID -> bid == null || ask == null ? null : bid.add(ask).multiply(HALF);
        };
    }

    private Thresholds thresholds(AlertField field) {
        Thresholds thresholds = fields[field.ordinal()];
        if (thresholds == null) {
            thresholds = new Thresholds();
            fields[field.ordinal()] = thresholds;
        }
        return thresholds;
    }
}
