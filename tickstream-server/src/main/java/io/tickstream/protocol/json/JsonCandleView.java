package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candlefeed.CandleView;
import io.tickstream.instrument.Instrument;
import io.tickstream.transport.TextFrames;

/**
 * {@code {"type":"candle","symbol":..,"interval":"1m","start":..,"open":..,"high":..,"low":..,"close":..,
 * "volume":..,"trades":N,"closed":false,"time":..}}. Stateless.
 */
public final class JsonCandleView implements CandleView {

    @Override
    public ByteBuf encode(Instrument instrument, CandleInterval interval, Bar bar, boolean closed, long time,
                          ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 192, json -> {
            json.writeStartObject();
            json.writeStringField("type", "candle");
            json.writeStringField("symbol", instrument.name());
            json.writeStringField("interval", interval.label());
            json.writeNumberField("start", bar.start());
            json.writeFieldName("open");
            json.writeNumber(bar.open().toPlainString());
            json.writeFieldName("high");
            json.writeNumber(bar.high().toPlainString());
            json.writeFieldName("low");
            json.writeNumber(bar.low().toPlainString());
            json.writeFieldName("close");
            json.writeNumber(bar.close().toPlainString());
            json.writeFieldName("volume");
            json.writeNumber(bar.volume().toPlainString());
            json.writeNumberField("trades", bar.trades());
            json.writeBooleanField("closed", closed);
            json.writeNumberField("time", time);
            json.writeEndObject();
        });
    }
}
