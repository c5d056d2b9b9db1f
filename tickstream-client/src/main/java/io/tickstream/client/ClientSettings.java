package io.tickstream.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a client was built with, validated. Immutable.
 *
 * @param uris           the gateway nodes, in the order they are tried (see {@link NodeRotation}); at least one
 * @param apiKey         the API key, or null when a token is used
 * @param tokens         gives the JWT to send, at each connect and when the server says it expires;
 *                       null when an API key is used
 * @param maxRetries     failed attempts in a row that are retried before giving up (0: give up at the first)
 * @param backoffBase    the delay cap before the first retry; doubled per retry up to {@code backoffMax}
 * @param connectTimeout bound on opening the WebSocket, and again on the answer to {@code auth}
 * @param streamBuffer   messages a stream holds per subscriber before it drops the oldest
 * @param stateDeltas    whether state subscriptions ask for deltas after the first full state
 */
record ClientSettings(List<URI> uris, String apiKey, Supplier<String> tokens, int maxRetries, Duration backoffBase, Duration backoffMax,
                      Duration pingInterval, Duration pingTimeout, Duration connectTimeout, int streamBuffer,
                      boolean stateDeltas, List<ClientListener> listeners) {

    ClientSettings {
        Objects.requireNonNull(uris, "uri is required");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("uri is required: give at least one");
        }
        uris.forEach(ClientSettings::webSocket);
        uris = List.copyOf(uris);
        if ((apiKey == null) == (tokens == null)) {
            throw new IllegalArgumentException("give exactly one of apiKey and token");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        positive(backoffBase, "backoffBase");
        positive(backoffMax, "backoffMax");
        positive(pingInterval, "pingInterval");
        positive(pingTimeout, "pingTimeout");
        positive(connectTimeout, "connectTimeout");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax must not be below backoffBase");
        }
        if (streamBuffer < 1) {
            throw new IllegalArgumentException("streamBuffer must be at least 1, was " + streamBuffer);
        }
        listeners = List.copyOf(listeners);
    }

    private static void webSocket(URI uri) {
        Objects.requireNonNull(uri, "uri must not be null");
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be ws:// or wss://, was " + uri);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
