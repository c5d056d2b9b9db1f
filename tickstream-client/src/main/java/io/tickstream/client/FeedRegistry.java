package io.tickstream.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The feeds of a client that have subscribers, so that they can be ended together when the client
 * ends (complete on close, error on giving up). Thread-safe.
 */
final class FeedRegistry {

    /** How a client ended: {@code error} null for a close. */
    record End(Throwable error) {
    }

    private final Set<FeedPublisher<?>> feeds = new LinkedHashSet<>();
    private End end;

    /** Registers a feed; returns how the client ended instead when it already has. */
    synchronized End join(FeedPublisher<?> feed) {
        if (end == null) {
            feeds.add(feed);
        }
        return end;
    }

    synchronized void leave(FeedPublisher<?> feed) {
        feeds.remove(feed);
    }

    synchronized End end() {
        return end;
    }

    /** Ends every feed, once. */
    void terminate(Throwable error) {
        End ended = new End(error);
        List<FeedPublisher<?>> ending;
        synchronized (this) {
            if (end != null) {
                return;
            }
            end = ended;
            ending = new ArrayList<>(feeds);
            feeds.clear();
        }
        ending.forEach(feed -> feed.terminate(ended));
    }
}
