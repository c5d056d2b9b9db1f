package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import io.tickstream.bus.StreamPosition;
import io.tickstream.hub.AccountView;
import io.tickstream.transport.TextFrames;

/** {@code {"type":"account","event":"balance","data":{...},"time":..,"seq":..}} for every kind of event
 * ({@code seq} when the event came through a project publisher). Stateless. */
public final class JsonAccountView implements AccountView {

    @Override
    public ByteBuf encode(AccountEvent event, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 64 + event.data().length(), json -> {
            json.writeStartObject();
            json.writeStringField("type", "account");
            json.writeStringField("event", event.type().wireName());
            json.writeFieldName("data");
            json.writeRawValue(event.data());
            json.writeNumberField("time", event.time());
            if (event.sequenced()) {
                json.writeNumberField("seq", event.seq());
            }
            json.writeEndObject();
        });
    }

    /** {@code {"type":"gap","channel":"account","epoch":..,"seq":..}}: private events were lost on the bus. */
    @Override
    public ByteBuf encodeGap(StreamPosition next, ByteBufAllocator alloc) {
        return JsonGap.encode(alloc, "account", null, next);
    }
}
