package io.tickstream.hub;

/**
 * A protocol's encoding of one kind of topic message. Views are registered with the hub at
 * start-up; each change is encoded once per view that has subscribers.
 */
public sealed interface TopicView permits StateView, TradeView, AccountView {
}
