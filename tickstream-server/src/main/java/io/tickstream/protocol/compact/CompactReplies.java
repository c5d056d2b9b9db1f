package io.tickstream.protocol.compact;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.transport.TextFrames;
import java.util.Collection;

/** The compact protocol's own messages, as notifications {@code ["n",{"event":..}]}. Stateless. */
final class CompactReplies {

    private final ByteBufAllocator alloc;

    CompactReplies(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    ByteBuf authorized() {
        return TextFrames.text(alloc, "[\"n\",{\"event\":\"authorized\"}]");
    }

    /** {@code ["n",{"event":"token_expiring","expiresInMs":N}]}: send a fresh authorization to go on. */
    ByteBuf tokenExpiring(long expiresInMs) {
        return TextFrames.text(alloc, "[\"n\",{\"event\":\"token_expiring\",\"expiresInMs\":" + expiresInMs + "}]");
    }

    ByteBuf pong() {
        return TextFrames.text(alloc, "pong");
    }

    /** {@code subscribed} or {@code unsubscribed} with the symbols concerned. */
    ByteBuf symbols(String event, Collection<String> symbols) {
        return TextFrames.json(alloc, 48 + symbols.size() * 12, json -> {
            json.writeStartArray();
            json.writeString("n");
            json.writeStartObject();
            json.writeStringField("event", event);
            json.writeArrayFieldStart("data");
            for (String symbol : symbols) {
                json.writeString(symbol);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
        });
    }

    /** An error notification; {@code code} and {@code retryAfterMs} when given (null, negative otherwise). */
    ByteBuf error(String code, String message, long retryAfterMs) {
        return TextFrames.json(alloc, 64 + message.length(), json -> {
            json.writeStartArray();
            json.writeString("n");
            json.writeStartObject();
            json.writeStringField("event", "error");
            if (code != null) {
                json.writeStringField("code", code);
            }
            json.writeStringField("message", message);
            if (retryAfterMs >= 0) {
                json.writeNumberField("retryAfterMs", retryAfterMs);
            }
            json.writeEndObject();
            json.writeEndArray();
        });
    }
}
