package io.tickstream.client.message;

/** A message of the protocol itself (welcome, auth result, subscription replies, pong, error, gap, reconnect and token expiry notices). Immutable. */
public sealed interface ControlMessage extends Message permits Welcome, AuthResult, SubscriptionReply, Pong, ServerError, Gap,
        Reconnect, TokenExpiring {
}
