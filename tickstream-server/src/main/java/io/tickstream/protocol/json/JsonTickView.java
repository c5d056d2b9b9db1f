package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.TextFrames;

/** {@code {"type":"tick","symbol":..,"bid":..,"ask":..,"seq":..,"time":..}}, only when the quote changes. Stateless. */
public final class JsonTickView implements StateView {

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return Quote.changed(previous, next) ? encodeSnapshot(next, alloc) : null;
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 96, json -> {
            json.writeStartObject();
            json.writeStringField("type", "tick");
            json.writeStringField("symbol", state.instrument().name());
            json.writeFieldName("bid");
            json.writeNumber(Quote.bid(state));
            json.writeFieldName("ask");
            json.writeNumber(Quote.ask(state));
            json.writeNumberField("seq", state.sequence());
            json.writeNumberField("time", Quote.millis(state));
            json.writeEndObject();
        });
    }
}
