package io.tickstream.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that records every state change (with its time), every error and every move to another node; any thread. */
final class LifeRecorder implements ClientListener {

    record Change(ConnectionState state, long nanos) {
    }

    record Move(URI from, URI to) {
    }

    final List<Change> changes = new CopyOnWriteArrayList<>();
    final List<TickstreamException> errors = new CopyOnWriteArrayList<>();
    final List<Move> moves = new CopyOnWriteArrayList<>();
    private final Map<TickstreamException, Long> errorNanos = new ConcurrentHashMap<>();

    @Override
    public void onStateChanged(ConnectionState state) {
        changes.add(new Change(state, System.nanoTime()));
    }

    @Override
    public void onNodeChanged(URI from, URI to) {
        moves.add(new Move(from, to));
    }

    @Override
    public void onError(TickstreamException error) {
        errorNanos.put(error, System.nanoTime());
        errors.add(error);
    }

    /** When an error was reported, in {@link System#nanoTime()}. */
    long nanosOf(TickstreamException error) {
        return errorNanos.get(error);
    }

    /** When each connection attempt started, in milliseconds since the first. */
    List<Long> attemptTimes() {
        return times(ConnectionState.CONNECTING);
    }

    List<Long> times(ConnectionState state) {
        long origin = changes.isEmpty() ? 0 : changes.get(0).nanos();
        return changes.stream().filter(change -> change.state() == state)
                .map(change -> (change.nanos() - origin) / 1_000_000).toList();
    }

    <T extends TickstreamException> List<T> errors(Class<T> type) {
        return errors.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
