package io.tickstream.client;

import java.util.concurrent.Flow;

/**
 * A feed's {@link Flow.Subscriber} that is also told, in order, where the trade or account stream
 * under the feed lost messages for good: {@link #onBreak} comes after the {@code onNext} of the last
 * message before the loss and before the first one after it, and needs no demand. A plain subscriber
 * is not told (the client's {@link ClientListener}s still are). Called like the other signals: on a
 * delivery thread, one signal at a time.
 *
 * @param <T> the message type
 */
public interface BreakAwareSubscriber<T> extends Flow.Subscriber<T> {

    void onBreak(StreamBreak streamBreak);
}
