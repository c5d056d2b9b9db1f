package io.tickstream.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Which gateway node a client tries next and how long it waits first: it starts on the first URI
 * and every failure (a failed attempt or a lost connection) moves it to the next one, round robin.
 * Within a round the move is immediate, so a dead node is left at once; once a full round of nodes
 * has failed in a row, the client waits the backoff of that round (round {@code r} waits like retry
 * {@code r} of one URI), so an outage of the whole deployment still backs off. A wait the server
 * asked for ({@code retryAfterMs}) holds only when the next attempt goes back to the node that asked,
 * that is with a single URI. Changed on the client's loop thread; {@link #current()} is read from any thread.
 */
final class NodeRotation {

    private final List<URI> uris;
    private final Backoff backoff;
    private volatile int current;

    NodeRotation(List<URI> uris, Backoff backoff) {
        this.uris = List.copyOf(uris);
        this.backoff = backoff;
    }

    /** The node of the attempt under way, or of the next one. */
    URI current() {
        return uris.get(current);
    }

    /**
     * After failure number {@code failures} in a row (1 for the first), moves to the next node and
     * returns the wait before trying it.
     *
     * @param retryAfter the wait the failed node asked for; zero when it did not ask
     */
    Duration failed(int failures, Duration retryAfter) {
        int failedNode = current;
        current = (failedNode + 1) % uris.size();
        Duration wait = failures % uris.size() == 0 ? backoff.delay(failures / uris.size()) : Duration.ZERO;
        boolean backToTheSameNode = current == failedNode;
        return backToTheSameNode && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
