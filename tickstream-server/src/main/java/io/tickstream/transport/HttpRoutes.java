package io.tickstream.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain-HTTP routes of a gateway: exact paths, then path prefixes (longest first). Only GET
 * and HEAD are routed, except to the handlers added as taking every method (which answer the
 * methods they do not serve themselves). Immutable once built; the builder is not thread-safe.
 */
public final class HttpRoutes {

    private final Map<String, AsyncHttpHandler> exact;
    private final List<Map.Entry<String, AsyncHttpHandler>> prefixes;
    private final Set<AsyncHttpHandler> anyMethod;

    private HttpRoutes(Map<String, AsyncHttpHandler> exact, List<Map.Entry<String, AsyncHttpHandler>> prefixes,
                       Set<AsyncHttpHandler> anyMethod) {
        this.exact = Map.copyOf(exact);
        this.prefixes = List.copyOf(prefixes);
        this.anyMethod = Set.copyOf(anyMethod);
    }

    /** Whether a handler takes methods other than GET and HEAD. */
    boolean takesAnyMethod(AsyncHttpHandler handler) {
        return anyMethod.contains(handler);
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
        private final Set<AsyncHttpHandler> anyMethod = new HashSet<>();

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

        /** An exact path whose handler takes every method (POST, DELETE...). */
        public Builder anyMethod(String path, AsyncHttpHandler handler) {
            anyMethod.add(handler);
            return getAsync(path, handler);
        }

        /** A prefix whose handler takes every method. */
        public Builder anyMethodPrefix(String prefix, AsyncHttpHandler handler) {
            anyMethod.add(handler);
            return prefix(prefix, handler);
        }

        public HttpRoutes build() {
            List<Map.Entry<String, AsyncHttpHandler>> sorted = new ArrayList<>(prefixes);
            sorted.sort(Comparator.comparingInt((Map.Entry<String, AsyncHttpHandler> e) -> e.getKey().length()).reversed());
            return new HttpRoutes(exact, sorted, anyMethod);
        }
    }
}
