package io.tickstream.client.message;

/**
 * A private event of the authenticated account: {@code {"type":"account","event":..,"data":{..},"time":..}}.
 * The typed records read the fields Tickstream's publishers write; {@link #data()} keeps the whole
 * payload for any other field; {@link #seq()} is the event's position in the account stream. Immutable.
 */
public sealed interface AccountMessage extends Message, Sequenced
        permits Balance, Order, Fill, Position, Alert, Notification, AccountEvent {

    /** The event kind on the wire: {@code balance}, {@code order}, {@code trade}, {@code position}, {@code alert}, {@code notification}. */
    String event();

    /** The event's {@code data} object as its exact received JSON text. */
    String data();

    /** Source time in epoch milliseconds. */
    long time();
}
