package io.tickstream.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.StateField;
import io.tickstream.transport.TextFrames;
import java.io.IOException;

/**
 * {@code {"type":"book","symbol":..,"bids":[[price,qty],..],"asks":[[price,qty],..],"seq":..,"time":..}} for
 * the top {@code depth} levels, sent when one of them changes. Empty levels (price and quantity 0)
 * are left out. One instance per depth; stateless.
 */
public final class JsonBookView implements StateView {

    private final int depth;

    public JsonBookView(int depth) {
        this.depth = depth;
    }

    public int depth() {
        return depth;
    }

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        int levels = Math.min(depth, next.instrument().depth());
        for (int level = 1; level <= levels; level++) {
            if (next.levelDiffers(previous, level)) {
                return encodeSnapshot(next, alloc);
            }
        }
        return null;
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        int levels = Math.min(depth, state.instrument().depth());
        return TextFrames.json(alloc, 96 + 48 * levels, json -> {
            json.writeStartObject();
            json.writeStringField("type", "book");
            json.writeStringField("symbol", state.instrument().name());
            json.writeFieldName("bids");
            side(json, state, levels, StateField.BUY_PRICE, StateField.BUY_QUANTITY);
            json.writeFieldName("asks");
            side(json, state, levels, StateField.SELL_PRICE, StateField.SELL_QUANTITY);
            json.writeNumberField("seq", state.sequence());
            json.writeNumberField("time", Quote.millis(state));
            json.writeEndObject();
        });
    }

    private static void side(JsonGenerator json, InstrumentState state, int levels, StateField price,
                             StateField quantity) throws IOException {
        json.writeStartArray();
        for (int level = 1; level <= levels; level++) {
            String p = state.value(price, level);
            String q = state.value(quantity, level);
            if (isZero(p) && isZero(q)) {
                continue;
            }
            json.writeStartArray();
            json.writeNumber(p);
            json.writeNumber(q);
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static boolean isZero(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '0' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
