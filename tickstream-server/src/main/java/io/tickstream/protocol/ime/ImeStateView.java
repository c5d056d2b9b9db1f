package io.tickstream.protocol.ime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.MicrosTimestamps;
import io.tickstream.protocol.StateBytes;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.JsonBytes;
import io.tickstream.transport.TextFrames;
import java.time.ZoneId;

/**
 * The IME envelope: {@code {"channel":"IME Stream","contractName":...,"timestamp":...,"data":{...}}},
 * keyed by name or by id. Every change sends the full state. Immutable and thread-safe.
 */
public final class ImeStateView implements StateView {

    private static final byte[] OPEN = JsonBytes.literal("{\"channel\":\"IME Stream\",");
    private static final byte[] TIMESTAMP = JsonBytes.literal(",\"timestamp\":");
    private static final byte[] DATA = JsonBytes.literal(",\"data\":");

    private final byte[] keyField;
    private final boolean byName;
    private final MicrosTimestamps timestamps;

    private ImeStateView(String keyField, boolean byName, ZoneId zone) {
        this.keyField = JsonBytes.literal('"' + keyField + "\":");
        this.byName = byName;
        this.timestamps = new MicrosTimestamps(zone);
    }

    public static ImeStateView byName(ZoneId zone) {
        return new ImeStateView("contractName", true, zone);
    }

    /** @param idField {@code contractId} or {@code ContractId}, the two spellings of the IME documentation (README, {@code ime.idField}) */
    public static ImeStateView byId(String idField, ZoneId zone) {
        return new ImeStateView(idField, false, zone);
    }

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return encodeSnapshot(next, alloc);
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        Instrument instrument = state.instrument();
        ByteBuf out = TextFrames.open(alloc, 160 + StateBytes.sizeHint(instrument));
        out.writeBytes(OPEN);
        out.writeBytes(keyField);
        JsonBytes.string(out, byName ? instrument.name() : instrument.id());
        out.writeBytes(TIMESTAMP);
        JsonBytes.string(out, timestamps.format(state.timeMicros()));
        out.writeBytes(DATA);
        StateBytes.write(out, state);
        out.writeByte('}');
        return TextFrames.finish(out);
    }
}
