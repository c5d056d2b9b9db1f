package io.tickstream.hub;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes the outboxes written during an event loop's batch of tasks once, at the end of the
 * batch: the flush runs as a task queued behind the work already waiting. An idle loop therefore
 * flushes right after the current task; a busy one writes several messages per socket and syscall.
 * One per event-loop thread, used only on it.
 */
final class LoopFlusher implements Runnable {

    private static final FastThreadLocal<LoopFlusher> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected LoopFlusher initialValue() {
            return new LoopFlusher();
        }
    };

    private List<SessionOutbox> dirty = new ArrayList<>();
    private List<SessionOutbox> flushing = new ArrayList<>();

    /** The flusher of the calling event-loop thread. */
    static LoopFlusher current() {
        return PER_LOOP.get();
    }

    /** Flushes {@code outbox} at the end of this batch; schedules the flush task with the first one. */
    void schedule(SessionOutbox outbox) {
        if (dirty.isEmpty()) {
            outbox.channel().eventLoop().execute(this);
        }
        dirty.add(outbox);
    }

    /** Swaps the two lists so that outboxes dirtied while flushing go to the next batch, without allocating. */
    @Override
    public void run() {
        List<SessionOutbox> batch = dirty;
        dirty = flushing;
        flushing = batch;
        for (int i = 0, n = batch.size(); i < n; i++) {
            batch.get(i).flushNow();
        }
        batch.clear();
    }
}
