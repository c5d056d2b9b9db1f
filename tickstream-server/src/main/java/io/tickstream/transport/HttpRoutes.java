package io.tickstream.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-HTTP routes of a gateway: exact paths, then path prefixes (longest first). Only GET
 * and HEAD are routed. Immutable once built; the builder is not thread-safe.
 */
public final class HttpRoutes {

    private final Map<String, AsyncHttpHandler> exact;
    private final List<Map.Entry<String, AsyncHttpHandler>> prefixes;

    private HttpRoutes(Map<String, AsyncHttpHandler> exact, List<Map.Entry<String, AsyncHttpHandler>> prefixes) {
        this.exact = Map.copyOf(exact);
        this.prefixes = List.copyOf(prefixes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler of a decoded path, or null when none. */
    AsyncHttpHandler find(String path) {
        AsyncHttpHandler handler = exact.get(path);
        if (handler != null) {
            return handler;
        }
        for (Map.Entry<String, AsyncHttpHandler> prefix : prefixes) {
            if (path.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** Collects routes; a path given twice is an error. */
    public static final class Builder {
        private final Map<String, AsyncHttpHandler> exact = new HashMap<>();
        private final List<Map.Entry<String, AsyncHttpHandler>> prefixes = new ArrayList<>();

        public Builder get(String path, HttpHandler handler) {
            return getAsync(path, AsyncHttpHandler.of(handler));
        }

        public Builder getAsync(String path, AsyncHttpHandler handler) {
            if (exact.putIfAbsent(path, handler) != null) {
                throw new IllegalArgumentException("route given twice: " + path);
            }
            return this;
        }

        public Builder all(Map<String, HttpHandler> routes) {
            routes.forEach(this::get);
            return this;
        }

        /** Every path under {@code prefix} (which should end with '/'), unless an exact route matches. */
        public Builder prefix(String prefix, AsyncHttpHandler handler) {
            prefixes.add(Map.entry(prefix, handler));
            return this;
        }

        public HttpRoutes build() {
            List<Map.Entry<String, AsyncHttpHandler>> sorted = new ArrayList<>(prefixes);
            sorted.sort(Comparator.comparingInt((Map.Entry<String, AsyncHttpHandler> e) -> e.getKey().length()).reversed());
            return new HttpRoutes(exact, sorted);
        }
    }
}
