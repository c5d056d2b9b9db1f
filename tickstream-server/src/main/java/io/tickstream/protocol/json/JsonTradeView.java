package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.TradeView;
import io.tickstream.instrument.Instrument;
import io.tickstream.trade.TradePrint;
import io.tickstream.transport.TextFrames;

/** {@code {"type":"trade","symbol":..,"price":..,"quantity":..,"side":"buy","time":..,"tradeId":..}}. Stateless. */
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
            json.writeEndObject();
        });
    }
}
