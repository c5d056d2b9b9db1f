package io.tickstream.client.message;

/** A message of the protocol itself (welcome, auth result, subscription replies, pong, error, reconnect notice). Immutable. */
public sealed interface ControlMessage extends Message permits Welcome, AuthResult, SubscriptionReply, Pong, ServerError, Reconnect {
}
