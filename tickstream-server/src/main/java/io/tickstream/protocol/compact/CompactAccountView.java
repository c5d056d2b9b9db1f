package io.tickstream.protocol.compact;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.account.AccountEvent;
import io.tickstream.bus.StreamPosition;
import io.tickstream.hub.AccountView;
import io.tickstream.transport.TextFrames;

/**
 * Private events as compact arrays: balance {@code ["b",{..}]}, a fill {@code ["o",{..}]} (the
 * seed's "trade update"), price alert {@code ["a",{..}]}, notification {@code ["n",{..}]}. Order and
 * position events have no marker in this protocol and are sent on the JSON protocol only. Stateless.
 */
public final class CompactAccountView implements AccountView {

    @Override
    public ByteBuf encode(AccountEvent event, ByteBufAllocator alloc) {
        String marker = switch (event.type()) {
            case BALANCE -> "b";
            case TRADE -> "o";
            case ALERT -> "a";
            case NOTIFICATION -> "n";
            case ORDER, POSITION -> null;
        };
        if (marker == null) {
            return null;
        }
        return TextFrames.json(alloc, 16 + event.data().length(), json -> {
            json.writeStartArray();
            json.writeString(marker);
            json.writeRawValue(event.data());
            json.writeEndArray();
        });
    }

    /** {@code ["n",{"event":"gap","channel":"account"}]}: private events were lost on the bus. */
    @Override
    public ByteBuf encodeGap(StreamPosition next, ByteBufAllocator alloc) {
        return TextFrames.json(alloc, 48, json -> {
            json.writeStartArray();
            json.writeString("n");
            json.writeStartObject();
            json.writeStringField("event", "gap");
            json.writeStringField("channel", "account");
            json.writeEndObject();
            json.writeEndArray();
        });
    }
}
