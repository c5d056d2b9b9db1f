package io.tickstream.account;

/**
 * One private event of one account. Immutable.
 *
 * @param data the event's {@code data} object as its exact published JSON text
 * @param time source time in epoch milliseconds, or the receive time when none was published
 */
public record AccountEvent(AccountEventType type, String data, long time) {
}
