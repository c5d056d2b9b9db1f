package io.tickstream.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.bus.StreamPosition;
import io.tickstream.hub.StreamJoin;
import io.tickstream.transport.TextFrames;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** The JSON protocol's replies to a client, as ready frames. Stateless. */
final class JsonReplies {

    private final ByteBufAllocator alloc;

    JsonReplies(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    ByteBuf welcome(long authTimeoutMs) {
        return TextFrames.json(alloc, 128, json -> {
            json.writeStartObject();
            json.writeStringField("type", "welcome");
            json.writeStringField("message", "Tickstream market data. Authenticate with {\"type\":\"auth\",\"apiKey\":\"...\"}");
            json.writeNumberField("authTimeoutMs", authTimeoutMs);
            json.writeEndObject();
        });
    }

    /** {@code {"type":"reconnect","reason":..,"retryAfterMs":N}}: the server goes away, come back after N ms. */
    ByteBuf reconnect(String reason, long retryAfterMs) {
        return TextFrames.json(alloc, 80, json -> {
            json.writeStartObject();
            json.writeStringField("type", "reconnect");
            json.writeStringField("reason", reason);
            json.writeNumberField("retryAfterMs", retryAfterMs);
            json.writeEndObject();
        });
    }

    /** {@code {"type":"token_expiring","expiresInMs":N}}: send a fresh token to go on. */
    ByteBuf tokenExpiring(long expiresInMs) {
        return TextFrames.json(alloc, 56, json -> {
            json.writeStartObject();
            json.writeStringField("type", "token_expiring");
            json.writeNumberField("expiresInMs", expiresInMs);
            json.writeEndObject();
        });
    }

    ByteBuf auth(boolean success, String message) {
        return auth(success, message, null);
    }

    /**
     * The auth reply, with {@code "account":{"epoch":..,"seq":..}} (and {@code "recovered"} after a
     * {@code since}) when the session has joined its account's stream.
     */
    ByteBuf auth(boolean success, String message, StreamJoin.Outcome account) {
        return TextFrames.json(alloc, 160, json -> {
            json.writeStartObject();
            json.writeStringField("type", "auth");
            json.writeBooleanField("success", success);
            json.writeStringField("message", message);
            if (account != null) {
                json.writeFieldName("account");
                position(json, account.position());
                if (account.recovered() != null) {
                    json.writeBooleanField("recovered", account.recovered());
                }
            }
            json.writeEndObject();
        });
    }

    /**
     * The {@code subscribed} reply of the trades channel: each symbol's stream position, and for
     * the symbols the client resumed, whether they were recovered (a null outcome: the position
     * never came, the symbol is left out of both).
     */
    ByteBuf tradesSubscribed(Map<String, StreamJoin.Outcome> streams, int total) {
        return TextFrames.json(alloc, 96 + streams.size() * 64, json -> {
            json.writeStartObject();
            json.writeStringField("type", "subscribed");
            json.writeArrayFieldStart("symbols");
            for (String symbol : streams.keySet()) {
                json.writeString(symbol);
            }
            json.writeEndArray();
            json.writeStringField("channel", Channel.TRADES.wireName(true));
            json.writeNumberField("totalSubscriptions", total);
            json.writeObjectFieldStart("streams");
            for (Map.Entry<String, StreamJoin.Outcome> stream : streams.entrySet()) {
                if (stream.getValue() != null) {
                    json.writeFieldName(stream.getKey());
                    position(json, stream.getValue().position());
                }
            }
            json.writeEndObject();
            if (streams.values().stream().anyMatch(outcome -> outcome != null && outcome.recovered() != null)) {
                json.writeObjectFieldStart("recovered");
                for (Map.Entry<String, StreamJoin.Outcome> stream : streams.entrySet()) {
                    if (stream.getValue() != null && stream.getValue().recovered() != null) {
                        json.writeBooleanField(stream.getKey(), stream.getValue().recovered());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    private static void position(JsonGenerator json, StreamPosition position) throws IOException {
        json.writeStartObject();
        json.writeStringField("epoch", position.epoch());
        json.writeNumberField("seq", position.seq());
        json.writeEndObject();
    }

    /** {@code subscribed}, {@code unsubscribed} or {@code subscriptions}. */
    ByteBuf symbols(String type, Collection<String> symbols, String channel, int total) {
        return TextFrames.json(alloc, 64 + symbols.size() * 16, json -> {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeArrayFieldStart("symbols");
            for (String symbol : symbols) {
                json.writeString(symbol);
            }
            json.writeEndArray();
            if (channel != null) {
                json.writeStringField("channel", channel);
            }
            json.writeNumberField("totalSubscriptions", total);
            json.writeEndObject();
        });
    }

    ByteBuf pong(long time) {
        return TextFrames.json(alloc, 32, json -> {
            json.writeStartObject();
            json.writeStringField("type", "pong");
            json.writeNumberField("time", time);
            json.writeEndObject();
        });
    }

    ByteBuf error(String message) {
        return error(null, message, -1);
    }

    /** An error with a machine-readable {@code code}, and {@code retryAfterMs} when not negative. */
    ByteBuf error(String code, String message, long retryAfterMs) {
        return TextFrames.json(alloc, 64 + message.length(), json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            if (code != null) {
                json.writeStringField("code", code);
            }
            json.writeStringField("message", message);
            if (retryAfterMs >= 0) {
                json.writeNumberField("retryAfterMs", retryAfterMs);
            }
            json.writeEndObject();
        });
    }
}
