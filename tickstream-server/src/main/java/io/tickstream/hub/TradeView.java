package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.StreamPosition;
import io.tickstream.instrument.Instrument;
import io.tickstream.trade.TradePrint;

/** One protocol's encoding of a trade print, as a complete WebSocket frame. Stateless and thread-safe. */
public non-sealed interface TradeView extends TopicView {

    ByteBuf encode(Instrument instrument, TradePrint trade, ByteBufAllocator alloc);

    /** The notice that the instrument's trades go on past a hole, from {@code next}; null when the protocol has none. */
    default ByteBuf encodeGap(Instrument instrument, StreamPosition next, ByteBufAllocator alloc) {
        return null;
    }
}
