package io.tickstream.account;

import io.tickstream.bus.Sequenced;

/**
 * One private event of one account. Immutable.
 *
 * @param data the event's {@code data} object as its exact published JSON text
 * @param time  source time in epoch milliseconds, or the receive time when none was published
 * @param seq   its number in the account's stream, or {@link Sequenced#NONE}
 * @param epoch the epoch of {@code seq}, or null
 */
public record AccountEvent(AccountEventType type, String data, long time, long seq, String epoch) implements Sequenced {
}
