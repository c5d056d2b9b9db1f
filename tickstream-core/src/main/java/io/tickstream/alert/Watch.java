package io.tickstream.alert;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;

/** One alert under evaluation: where it is and what it knows. Guarded by its instrument's monitor. */
final class Watch {

    enum Phase {
        /** A crossing alert that has seen no value yet: the first one sets its side. */
        PENDING,
        /** In the structure that fires it. */
        ARMED,
        /** A crossing alert waiting for the value to go back across before it arms again. */
        REARMING,
        /** A level alert waiting for its cooldown to pass. */
        COOLING,
        /** Handed to the sink; waiting to be settled. */
        FIRING,
        ENDED
    }

    final Alert alert;
    Phase phase;
    long fires;
    long lastFiredAt;
    /** The map of price to watches it sits in while ARMED or REARMING. */
    TreeMap<BigDecimal, List<Watch>> home;

    Watch(Alert alert, AlertStatus status) {
        this.alert = alert;
        this.fires = status.fires();
        this.lastFiredAt = status.lastFiredAt();
    }

    long cooldownUntil() {
        return fires == 0 ? 0 : lastFiredAt + alert.cooldownMillis();
    }
}
