package io.tickstream.client.message;

import java.util.List;

/**
 * {@code subscribed}, {@code unsubscribed} or {@code subscriptions}: the symbols concerned and the
 * connection's subscription count afterwards. Immutable.
 *
 * @param type    {@code subscribed}, {@code unsubscribed} or {@code subscriptions}
 * @param channel the channel's wire name; the server leaves it out for {@code tick}, so null means tick
 */
public record SubscriptionReply(String type, List<String> symbols, String channel, int totalSubscriptions)
        implements ControlMessage {

    public SubscriptionReply {
        symbols = List.copyOf(symbols);
    }
}
