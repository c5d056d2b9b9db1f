package io.tickstream.protocol.json;

import io.netty.buffer.ByteBuf;
import io.tickstream.GatewayFixture;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the state messages a test received, and applies deltas the way a client does. */
final class StateMessages {

    private StateMessages() {
    }

    /** The text of a complete server frame (header and payload in one buffer); releases it. */
    static String payload(ByteBuf frame) {
        try {
            int length = frame.getByte(frame.readerIndex() + 1) & 0x7f;
            int header = length < 126 ? 2 : length == 126 ? 4 : 10;
            return frame.toString(frame.readerIndex() + header, frame.readableBytes() - header, StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    /** A copy of {@code base} with every leaf of {@code delta} put in, new keys after the old ones. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> delta) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        delta.forEach((name, value) -> merged.put(name, value instanceof Map<?, ?> nested && merged.get(name) instanceof Map<?, ?> old
                ? merge((Map<String, Object>) old, (Map<String, Object>) nested) : value));
        return merged;
    }

    /** The {@code data} object of a full state message, or its previous base merged with the {@code delta} of one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> base, Map<String, Object> message) {
        return message.containsKey("data") ? (Map<String, Object>) message.get("data")
                : merge(base, (Map<String, Object>) message.get("delta"));
    }

    static Map<String, Object> json(String text) {
        return GatewayFixture.json(text);
    }
}
