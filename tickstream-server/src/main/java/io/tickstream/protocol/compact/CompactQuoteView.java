package io.tickstream.protocol.compact;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.hub.StateView;
import io.tickstream.protocol.Quote;
import io.tickstream.state.InstrumentState;
import io.tickstream.transport.TextFrames;
import java.util.Locale;

/** {@code ["t","eurusd",bid,ask,time]} when the quote changes; symbols in lower case. Stateless. */
public final class CompactQuoteView implements StateView {

    @Override
    public ByteBuf encodeChange(InstrumentState previous, InstrumentState next, ByteBufAllocator alloc) {
        return Quote.changed(previous, next) ? encodeSnapshot(next, alloc) : null;
    }

    @Override
    public ByteBuf encodeSnapshot(InstrumentState state, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 64, json -> {
            json.writeStartArray();
            json.writeString("t");
            json.writeString(state.instrument().name().toLowerCase(Locale.ROOT));
            json.writeNumber(Quote.bid(state));
            json.writeNumber(Quote.ask(state));
            json.writeNumber(Quote.millis(state));
            json.writeEndArray();
        });
    }
}
