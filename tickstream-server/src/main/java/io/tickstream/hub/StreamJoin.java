package io.tickstream.hub;

import io.tickstream.bus.Sequenced;
import io.tickstream.bus.StreamPosition;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A session's joining of a trade or account stream: its subscription, held until the session has
 * told the client where the stream stands, and what the client missed since the position it
 * resumed from ({@code since}). Made and finished on the session's event loop.
 */
public final class StreamJoin<M extends Sequenced> {

    /** Where the client stands after joining: the stream's position, and for a resume whether it was recovered. */
    public record Outcome(StreamPosition position, Boolean recovered) {
    }

    /** A held subscription and where it starts: {@code position} when known at once, else {@code ready}. */
    record Start(Subscription subscription, StreamPosition position, CompletionStage<StreamPosition> ready) {
    }

    /**
     * What a resume recovered: the outcome, the replay that sends what the client missed before the
     * held messages (null when there is nothing to send), and else the seq the client has already.
     */
    record Recovery<M extends Sequenced>(Outcome outcome, Replay<M> replay, long skipThrough) {
    }

    private final Subscription subscription;
    private final CompletionStage<Recovery<M>> recovery;

    StreamJoin(Subscription subscription, CompletionStage<Recovery<M>> recovery) {
        this.subscription = subscription;
        this.recovery = recovery;
    }

    public Subscription subscription() {
        return subscription;
    }

    /**
     * Runs {@code action} on the subscription's event loop once the outcome is known: at once
     * when it already is. The session then tells the client and calls {@link #finish}. The outcome
     * is null when the stream's position never came (the subscription ended first).
     */
    public void whenKnown(Consumer<Outcome> action) {
        var loop = subscription.outbox.channel().eventLoop();
        var done = recovery.toCompletableFuture();
        if (done.isDone() && loop.inEventLoop()) {
            action.accept(done.isCompletedExceptionally() ? null : done.join().outcome());
            return;
        }
        recovery.whenComplete((result, failure) -> loop.execute(() -> action.accept(failure != null ? null : result.outcome())));
    }

    /**
     * Starts sending what the resume recovered, at the client's pace, and lets the held and all
     * later messages through once it is sent. Call on the loop.
     */
    public void finish() {
        var done = recovery.toCompletableFuture();
        if (done.isCompletedExceptionally()) {
            subscription.release(Sequenced.NONE);
            return;
        }
        Recovery<M> result = done.join();
        if (result.replay() != null) {
            result.replay().start();
        } else {
            subscription.release(result.skipThrough());
        }
    }
}
