package io.tickstream.candlefeed;

import io.tickstream.hub.SessionOutbox;

/** One session's subscription to the live bars of one instrument and interval. Immutable. */
public record CandleWatch(SessionOutbox outbox, CandleView view, CandleTopic topic) {
}
