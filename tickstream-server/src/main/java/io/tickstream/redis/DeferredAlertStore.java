package io.tickstream.redis;

import io.tickstream.alert.Alert;
import io.tickstream.alert.AlertStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The alerts of a gateway that started while Redis could not be reached ({@link DeferredRedisBus}):
 * they live in Redis, so until it answers, requests fail (sessions are refused then anyway), while
 * loading the active alerts and following other nodes' changes wait for it and start as soon as it
 * does. Thread-safe.
 */
final class DeferredAlertStore implements AlertStore {

    private final CompletableFuture<AlertStore> redis = new CompletableFuture<>();

    /** Redis answers now: every request goes to its store from here on. */
    void connected(AlertStore store) {
        redis.complete(store);
    }

    private AlertStore now() {
        return redis.getNow(null);
    }

    private static <T> CompletionStage<T> notYet() {
        return CompletableFuture.failedFuture(new IllegalStateException("Redis cannot be reached yet"));
    }

    @Override
    public CompletionStage<Boolean> create(Alert alert, int limit) {
        AlertStore store = now();
        return store == null ? notYet() : store.create(alert, limit);
    }

    @Override
    public CompletionStage<List<Stored>> list(String account) {
        AlertStore store = now();
        return store == null ? notYet() : store.list(account);
    }

    @Override
    public CompletionStage<Stored> cancel(String account, String id) {
        AlertStore store = now();
        return store == null ? notYet() : store.cancel(account, id);
    }

    @Override
    public CompletionStage<Firing> fire(Alert alert, long generation, String eventJson) {
        AlertStore store = now();
        return store == null ? notYet() : store.fire(alert, generation, eventJson);
    }

    @Override
    public CompletionStage<Void> expire(Alert alert) {
        AlertStore store = now();
        return store == null ? notYet() : store.expire(alert);
    }

    /** Completes once Redis answers and the active alerts were read from it. */
    @Override
    public CompletionStage<List<Stored>> loadActive() {
        return redis.thenCompose(AlertStore::loadActive);
    }

    @Override
    public void follow(BiConsumer<String, String> changed) {
        redis.thenAccept(store -> store.follow(changed));
    }

    @Override
    public CompletionStage<Stored> get(String account, String id) {
        AlertStore store = now();
        return store == null ? notYet() : store.get(account, id);
    }

    /** Nothing to close: the store it hands over to is closed with its bus. */
    @Override
    public void close() {
    }
}
