package io.tickstream.client.message;

/**
 * One message from a Tickstream server on the JSON message protocol, as a typed immutable value:
 * market data ({@link MarketMessage}), a private account event ({@link AccountMessage}), a reply of
 * the protocol itself ({@link ControlMessage}), the changed fields of a state ({@link StateDelta}), or a
 * type this client does not know ({@link UnknownMessage}). Made by {@link MessageParser}; safe to share between threads.
 */
public sealed interface Message permits MarketMessage, AccountMessage, ControlMessage, StateDelta, UnknownMessage {
}
