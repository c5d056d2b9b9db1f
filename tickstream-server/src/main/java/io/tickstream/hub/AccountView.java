package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import io.tickstream.bus.StreamPosition;

/**
 * One protocol's encoding of a private account event, as a complete WebSocket frame, or null when
 * the protocol does not carry that kind of event. Stateless and thread-safe.
 */
public non-sealed interface AccountView extends TopicView {

    ByteBuf encode(AccountEvent event, ByteBufAllocator alloc);

    /** The notice that the account's events go on past a hole, from {@code next}; null when the protocol has none. */
    default ByteBuf encodeGap(StreamPosition next, ByteBufAllocator alloc) {
        return null;
    }
}
