package io.tickstream.protocol.compact;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candlefeed.CandleView;
import io.tickstream.instrument.Instrument;
import io.tickstream.transport.TextFrames;
import java.util.Locale;

/** {@code ["k","eurusd","1m",start,open,high,low,close,volume,trades,closed]}; symbols in lower case. Stateless. */
public final class CompactCandleView implements CandleView {

    @Override
    public ByteBuf encode(Instrument instrument, CandleInterval interval, Bar bar, boolean closed, long time,
                          ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 128, json -> {
            json.writeStartArray();
            json.writeString("k");
            json.writeString(instrument.name().toLowerCase(Locale.ROOT));
            json.writeString(interval.label());
            json.writeNumber(bar.start());
            json.writeNumber(bar.open().toPlainString());
            json.writeNumber(bar.high().toPlainString());
            json.writeNumber(bar.low().toPlainString());
            json.writeNumber(bar.close().toPlainString());
            json.writeNumber(bar.volume().toPlainString());
            json.writeNumber(bar.trades());
            json.writeBoolean(closed);
            json.writeEndArray();
        });
    }
}
