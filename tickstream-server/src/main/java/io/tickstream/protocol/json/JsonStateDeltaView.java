package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.protocol.StateDeltaBytes;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.JsonBytes;
import io.tickstream.transport.TextFrames;

/**
 * The state channel with {@code "delta":true} (README, "State deltas"): the full state message of
 * {@link JsonStateView} for a new subscriber, then on each change
 * {@code {"type":"state","symbol":..,"seq":..,"delta":{the changed fields only},"time":..}}. Each
 * message only makes sense after the one before it, so the hub never conflates one away. Stateless.
 */
public final class JsonStateDeltaView implements StateView {

    private static final byte[] OPEN = JsonBytes.literal("{\"type\":\"state\",\"symbol\":");
    private static final byte[] SEQ = JsonBytes.literal(",\"seq\":");
    private static final byte[] DELTA = JsonBytes.literal(",\"delta\":");
    private static final byte[] TIME = JsonBytes.literal(",\"time\":");
    /** Room for the envelope and a few changed fields; a larger delta grows the buffer. */
    private static final int SIZE_HINT = 192;

    private final JsonStateView full;

    JsonStateDeltaView(JsonStateView full) {
        this.full = full;
    }

    /**
     * The changed fields; null when no field differs from {@code previous}. The first change of an
     * instrument goes out in full: no subscriber was sent the initial state it is taken against.
     */
    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        if (previous.version() == 0) {
            return encodeSnapshot(next, alloc);
        }
        ByteBuf out = TextFrames.open(alloc, SIZE_HINT);
        out.writeBytes(OPEN);
        JsonBytes.string(out, next.instrument().name());
        out.writeBytes(SEQ);
        JsonBytes.number(out, Long.toString(next.sequence()));
        out.writeBytes(DELTA);
        if (!StateDeltaBytes.write(out, previous, next)) {
            out.release();
            return null;
        }
        out.writeBytes(TIME);
        JsonBytes.number(out, Long.toString(Quote.millis(next)));
        out.writeByte('}');
        return TextFrames.finish(out);
    }

    /** The full state message, which the client takes as its new base. */
    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        return full.encodeSnapshot(state, alloc);
    }

    @Override
    public boolean incremental() {
        return true;
    }
}
