package io.tickstream.alert;

/**
 * Where an alert stands. Immutable.
 *
 * @param fires       how many times it has fired: the generation a firing must match to count
 * @param lastFiredAt epoch ms of the latest firing, or 0
 */
public record AlertStatus(AlertState state, long fires, long lastFiredAt) {

    public static final AlertStatus NEW = new AlertStatus(AlertState.ACTIVE, 0, 0);
}
