package io.tickstream.protocol.ime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.StatePayloadWriter;
import io.tickstream.transport.TextFrames;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The IME envelope: {@code {"channel":"IME Stream","contractName":...,"timestamp":...,"data":{...}}},
 * keyed by name or by id. Every change sends the full state. Immutable and thread-safe.
 */
public final class ImeStateView implements StateView {

    private static final String CHANNEL = "IME Stream";

    private final String keyField;
    private final boolean byName;
    private final DateTimeFormatter timestamps;

    private ImeStateView(String keyField, boolean byName, ZoneId zone) {
        this.keyField = keyField;
        this.byName = byName;
        this.timestamps = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(zone);
    }

    public static ImeStateView byName(ZoneId zone) {
        return new ImeStateView("contractName", true, zone);
    }

    /** @param idField {@code contractId} (seed 000) or {@code ContractId} (seed 001) */
    public static ImeStateView byId(String idField, ZoneId zone) {
        return new ImeStateView(idField, false, zone);
    }

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return encodeSnapshot(next, alloc);
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        String timestamp = format(state.timeMicros());
        String key = byName ? state.instrument().name() : state.instrument().id();
        return TextFrames.json(alloc, 256 + 120 * state.instrument().depth(), json -> {
            json.writeStartObject();
            json.writeStringField("channel", CHANNEL);
            json.writeStringField(keyField, key);
            json.writeStringField("timestamp", timestamp);
            json.writeFieldName("data");
            StatePayloadWriter.write(json, state);
            json.writeEndObject();
        });
    }

    private String format(long epochMicros) {
        return timestamps.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L));
    }
}
