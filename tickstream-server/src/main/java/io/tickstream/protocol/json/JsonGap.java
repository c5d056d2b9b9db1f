package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.StreamPosition;
import io.tickstream.transport.TextFrames;

/**
 * {@code {"type":"gap","channel":..,"symbol":..,"epoch":..,"seq":..}}: messages of a stream were lost
 * on the bus and its history could not give them back; the stream goes on from that position (its
 * next message has a higher seq), the position a client resumes from. Stateless.
 */
final class JsonGap {

    private JsonGap() {
    }

    /** @param symbol the instrument of a trade stream, null for the account stream */
    static ByteBuf encode(ByteBufAllocator alloc, String channel, String symbol, StreamPosition next) {
        return TextFrames.json(alloc, 96, json -> {
            json.writeStartObject();
            json.writeStringField("type", "gap");
            json.writeStringField("channel", channel);
            if (symbol != null) {
                json.writeStringField("symbol", symbol);
            }
            json.writeStringField("epoch", next.epoch());
            json.writeNumberField("seq", next.seq());
            json.writeEndObject();
        });
    }
}
