package io.tickstream.alert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The alerts of one field of one instrument, by price, in four sorted maps: a change of the value
 * finds what it fires by looking at each map's first or last price, so it costs O(log n + fired)
 * and allocates nothing when nothing fires. Guarded by the instrument's monitor.
 */
final class Thresholds {

    /** What a value that reaches a watch does to it. */
    interface Reached {
        /** An armed watch whose condition holds. */
        void armedReached(Watch watch, BigDecimal value);

        /** A re-arming watch whose value went back across. */
        void rearmReached(Watch watch, BigDecimal value);

        /** A pending crossing watch sees its first value. */
        void firstValue(Watch watch, BigDecimal value);
    }

    /** Armed, fires when value >= price: above, crosses_above. */
    private final TreeMap<BigDecimal, List<Watch>> atOrAbove = new TreeMap<>();
    /** Armed, fires when value <= price: below, crosses_below. */
    private final TreeMap<BigDecimal, List<Watch>> atOrBelow = new TreeMap<>();
    /** Re-arms crosses_above when value < price. */
    private final TreeMap<BigDecimal, List<Watch>> under = new TreeMap<>();
    /** Re-arms crosses_below when value > price. */
    private final TreeMap<BigDecimal, List<Watch>> over = new TreeMap<>();
    private final List<Watch> pending = new ArrayList<>();

    boolean isEmpty() {
        return atOrAbove.isEmpty() && atOrBelow.isEmpty() && under.isEmpty() && over.isEmpty() && pending.isEmpty();
    }

    /**
     * Whether no value from {@code low} to {@code high} would change anything here: lets a mid,
     * which lies between bid and ask, go uncomputed (unallocated) when nothing is near it.
     */
    boolean quietBetween(BigDecimal low, BigDecimal high) {
        return pending.isEmpty()
                && (atOrAbove.isEmpty() || atOrAbove.firstKey().compareTo(high) > 0)
                && (atOrBelow.isEmpty() || atOrBelow.lastKey().compareTo(low) < 0)
                && (under.isEmpty() || under.lastKey().compareTo(low) <= 0)
                && (over.isEmpty() || over.firstKey().compareTo(high) >= 0);
    }

    void arm(Watch watch) {
        watch.phase = Watch.Phase.ARMED;
        put(watch.alert.condition().upward() ? atOrAbove : atOrBelow, watch);
    }

    void awaitReturn(Watch watch) {
        watch.phase = Watch.Phase.REARMING;
        put(watch.alert.condition().upward() ? under : over, watch);
    }

    void awaitFirstValue(Watch watch) {
        watch.phase = Watch.Phase.PENDING;
        pending.add(watch);
    }

    /** Takes a watch out of wherever it sits here. */
    void remove(Watch watch) {
        if (watch.phase == Watch.Phase.PENDING) {
            pending.remove(watch);
        } else if (watch.home != null) {
            List<Watch> same = watch.home.get(watch.alert.price());
            if (same != null && same.remove(watch) && same.isEmpty()) {
                watch.home.remove(watch.alert.price());
            }
        }
        watch.home = null;
    }

    /** Applies a new value: re-arms what went back across, then hands over what it fires. */
    void evaluate(BigDecimal value, Reached reached) {
        while (!under.isEmpty() && under.lastKey().compareTo(value) > 0) {
            each(under.remove(under.lastKey()), value, reached, false);
        }
        while (!over.isEmpty() && over.firstKey().compareTo(value) < 0) {
            each(over.remove(over.firstKey()), value, reached, false);
        }
        while (!atOrAbove.isEmpty() && atOrAbove.firstKey().compareTo(value) <= 0) {
            each(atOrAbove.remove(atOrAbove.firstKey()), value, reached, true);
        }
        while (!atOrBelow.isEmpty() && atOrBelow.lastKey().compareTo(value) >= 0) {
            each(atOrBelow.remove(atOrBelow.lastKey()), value, reached, true);
        }
        if (!pending.isEmpty()) {
            List<Watch> first = new ArrayList<>(pending);
            pending.clear();
            for (Watch watch : first) {
                reached.firstValue(watch, value);
            }
        }
    }

    private static void each(List<Watch> watches, BigDecimal value, Reached reached, boolean armed) {
        for (Watch watch : watches) {
            watch.home = null;
            if (armed) {
                reached.armedReached(watch, value);
            } else {
                reached.rearmReached(watch, value);
            }
        }
    }

    private static void put(TreeMap<BigDecimal, List<Watch>> map, Watch watch) {
        watch.home = map;
        map.computeIfAbsent(watch.alert.price(), price -> new ArrayList<>(2)).add(watch);
    }
}
