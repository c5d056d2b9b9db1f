package io.tickstream.client.message;

import java.util.List;
import java.util.Map;

/**
 * {@code subscribed}, {@code unsubscribed} or {@code subscriptions}: the symbols concerned and the
 * connection's subscription count afterwards. Immutable.
 *
 * @param type      {@code subscribed}, {@code unsubscribed} or {@code subscriptions}
 * @param channel   the channel's wire name; the server leaves it out for {@code tick}, so null means tick
 * @param streams   for {@code trades}: each symbol's trade stream position at subscribing; empty otherwise
 * @param recovered for {@code trades}: per symbol named in the request's {@code since}, whether its
 *                  missed trades follow the reply; empty otherwise
 */
public record SubscriptionReply(String type, List<String> symbols, String channel, int totalSubscriptions,
                                Map<String, StreamPosition> streams, Map<String, Boolean> recovered)
        implements ControlMessage {

    public SubscriptionReply {
        symbols = List.copyOf(symbols);
        streams = Map.copyOf(streams);
        recovered = Map.copyOf(recovered);
    }
}
