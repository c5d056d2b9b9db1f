package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.StatePayloadWriter;
import io.tickstream.transport.TextFrames;

/** {@code {"type":"state","symbol":..,"data":{full IME state},"time":..}} on every change. Stateless. */
public final class JsonStateView implements StateView {

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return encodeSnapshot(next, alloc);
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 256 + 120 * state.instrument().depth(), json -> {
            json.writeStartObject();
            json.writeStringField("type", "state");
            json.writeStringField("symbol", state.instrument().name());
            json.writeFieldName("data");
            StatePayloadWriter.write(json, state);
            json.writeNumberField("time", Quote.millis(state));
            json.writeEndObject();
        });
    }
}
