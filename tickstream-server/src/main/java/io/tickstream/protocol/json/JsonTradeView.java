package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.StreamPosition;
import io.tickstream.hub.TradeView;
import io.tickstream.instrument.Instrument;
import io.tickstream.trade.TradePrint;
import io.tickstream.transport.TextFrames;

/** {@code {"type":"trade","symbol":..,"price":..,"quantity":..,"side":"buy","time":..,"tradeId":..,"seq":..}}
 * ({@code seq} when the print came through a project publisher). Stateless. */
public final class JsonTradeView implements TradeView {

    @Override
    public ByteBuf encode(Instrument instrument, TradePrint trade, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 128, json -> {
            json.writeStartObject();
            json.writeStringField("type", "trade");
            json.writeStringField("symbol", instrument.name());
            json.writeFieldName("price");
            json.writeNumber(trade.price());
            json.writeFieldName("quantity");
            json.writeNumber(trade.quantity());
            json.writeStringField("side", trade.side());
            json.writeNumberField("time", trade.time());
            if (trade.tradeId() != null) {
                json.writeStringField("tradeId", trade.tradeId());
            }
            if (trade.sequenced()) {
                json.writeNumberField("seq", trade.seq());
            }
            json.writeEndObject();
        });
    }

    /** {@code {"type":"gap","channel":"trades","symbol":..,"epoch":..,"seq":..}}: prints were lost on the bus. */
    @Override
    public ByteBuf encodeGap(Instrument instrument, StreamPosition next, ByteBufAllocator alloc) {
        return JsonGap.encode(alloc, "trades", instrument.name(), next);
    }
}
