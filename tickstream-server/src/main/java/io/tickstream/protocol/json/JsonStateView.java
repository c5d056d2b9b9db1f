package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.protocol.StateBytes;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.JsonBytes;
import io.tickstream.transport.TextFrames;

/**
 * {@code {"type":"state","symbol":..,"data":{full IME state},"seq":..,"time":..}} on every change, written
 * with the same pre-encoded payload writer as the IME envelope. Stateless.
 */
public final class JsonStateView implements StateView {

    private static final byte[] OPEN = JsonBytes.literal("{\"type\":\"state\",\"symbol\":");
    private static final byte[] DATA = JsonBytes.literal(",\"data\":");
    private static final byte[] SEQ = JsonBytes.literal(",\"seq\":");
    private static final byte[] TIME = JsonBytes.literal(",\"time\":");

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return encodeSnapshot(next, alloc);
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        ByteBuf out = TextFrames.open(alloc, 96 + StateBytes.sizeHint(state.instrument()));
        out.writeBytes(OPEN);
        JsonBytes.string(out, state.instrument().name());
        out.writeBytes(DATA);
        StateBytes.write(out, state);
        out.writeBytes(SEQ);
        JsonBytes.number(out, Long.toString(state.sequence()));
        out.writeBytes(TIME);
        JsonBytes.number(out, Long.toString(Quote.millis(state)));
        out.writeByte('}');
        return TextFrames.finish(out);
    }
}
