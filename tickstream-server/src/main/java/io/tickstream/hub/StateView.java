package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.state.InstrumentState;

/**
 * One protocol's encoding of instrument state (IME envelope, JSON tick, compact quote...). The hub
 * calls it once per change for all subscribers of the view, on the instrument's writer thread.
 * Implementations are stateless and thread-safe.
 */
public non-sealed interface StateView extends TopicView {

    /**
     * The message for a change, as a complete WebSocket frame, or null when the change is not
     * visible in this view (a tick view ignores a change that leaves the quote alone).
     */
    ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc);

    /** The message a new subscriber gets for the current state, or null when there is none to send. */
    ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc);

    /**
     * Whether a change's message holds only what changed since the message before it (a delta), so
     * that a client needs every one: the hub never conflates such a message away, but sends a slow
     * reader {@link #encodeSnapshot} of the current state instead (see {@link Subscription}), which
     * such a view must give for every state.
     */
    default boolean incremental() {
        return false;
    }
}
