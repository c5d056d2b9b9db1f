package io.tickstream.alert;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Where alerts live and where a firing is decided for good (SPEC §11): in Redis for a fleet of
 * nodes, in a file for the embedded gateway. A firing and the append of its {@code alert} event to
 * the account stream are one atomic step, so however many nodes evaluate an alert each firing is
 * published once. Thread-safe; results complete on the store's own threads.
 */
public interface AlertStore extends AutoCloseable {

    /**
     * A firing attempt by a node whose generation is behind the stored one is the same crossing
     * another node already fired when the last firing is this recent (or within the cooldown);
     * past that it is a later crossing the node is the first to see, and it fires.
     */
    long SAME_CROSSING_MS = 10_000;

    /** An alert as stored, with where it stands. */
    record Stored(Alert alert, AlertStatus status) {
    }

    /**
     * The outcome of a firing attempt.
     *
     * @param fired  whether this attempt fired it (and published its event)
     * @param status what the store holds now: ended, or its generation and last firing
     */
    record Firing(boolean fired, AlertStatus status) {
    }

    /** Stores a new active alert unless its account already has {@code limit} active; false then. */
    CompletionStage<Boolean> create(Alert alert, int limit);

    /** An account's alerts, oldest first. */
    CompletionStage<List<Stored>> list(String account);

    /**
     * Ends an active alert as canceled, or forgets an ended one; null when the account has no such
     * alert.
     */
    CompletionStage<Stored> cancel(String account, String id);

    /**
     * Fires an alert and publishes {@code eventJson} on its account's stream, in one step, unless
     * it ended, is cooling down, or was fired since the caller's {@code generation} less than
     * {@link #SAME_CROSSING_MS} (or the cooldown) ago.
     */
    CompletionStage<Firing> fire(Alert alert, long generation, String eventJson);

    /** Ends an active alert as expired. */
    CompletionStage<Void> expire(Alert alert);

    /** Every active alert, to evaluate after a start. */
    CompletionStage<List<Stored>> loadActive();

    /**
     * Reports the alerts other nodes created or ended from now on (account, id), so that this
     * node evaluates what they evaluate; a store with one node reports nothing.
     */
    void follow(BiConsumer<String, String> changed);

    /** One alert as stored now, or null. */
    CompletionStage<Stored> get(String account, String id);

    @Override
    void close();
}
