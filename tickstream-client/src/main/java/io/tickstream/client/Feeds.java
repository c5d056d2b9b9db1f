package io.tickstream.client;

import io.tickstream.client.message.MarketMessage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Makes a client's {@link Feed}s and ends them with it. The feeds share the client's dispatcher,
 * buffer size and delivery threads, which this owns: streams deliver there, never on the receiving
 * thread. Thread-safe.
 */
final class Feeds {

    private final FeedRegistry registry = new FeedRegistry();
    private final ExecutorService delivery = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-client-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final FeedPublisher.FeedContext context;

    Feeds(Dispatcher dispatcher, Listeners listeners, int streamBuffer) {
        context = new FeedPublisher.FeedContext(dispatcher, registry, delivery, listeners, streamBuffer);
    }

    /** A channel's feed; with symbols, of those symbols only (matched ignoring case). */
    <T> Feed<T> of(Channel<T> channel, String... symbols) {
        if (symbols.length > 0 && !channel.isSubscribable()) {
            throw new IllegalArgumentException("channel " + channel + " has no symbols to filter on");
        }
        Set<String> wanted = Arrays.stream(symbols).map(Feeds::fold).collect(Collectors.toSet());
        Predicate<T> filter = wanted.isEmpty() ? message -> true
                : message -> message instanceof MarketMessage market && wanted.contains(fold(market.symbol()));
        Predicate<StreamId> streams = wanted.isEmpty() ? stream -> true
                : stream -> stream.symbol() != null && wanted.contains(fold(stream.symbol()));
        return new FeedPublisher<>(channel, filter, streams, context);
    }

    /** The client ended: every feed completes ({@code error} null, after a close) or fails with {@code error}. */
    void end(Throwable error) {
        registry.terminate(error);
    }

    /** Lets the deliveries under way finish; later ones run on the thread that starts them. */
    void shutdown() {
        delivery.shutdown();
    }

    private static String fold(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }
}
