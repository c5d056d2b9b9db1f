package io.tickstream.candlefeed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.instrument.Instrument;

/** One protocol's encoding of a live bar, as a complete WebSocket frame. Stateless and thread-safe. */
public interface CandleView {

    /**
     * @param closed whether the bar's interval has ended (its last message)
     * @param time   when the gateway sends it, epoch ms
     */
    ByteBuf encode(Instrument instrument, CandleInterval interval, Bar bar, boolean closed, long time,
                   ByteBufAllocator alloc);
}
