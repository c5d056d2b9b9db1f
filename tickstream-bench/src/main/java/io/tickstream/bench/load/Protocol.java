package io.tickstream.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the load generator speaks each of the gateway's protocols: where to connect, what to send
 * after the handshake, when a connection is ready, and where a message carries the probe (the
 * publisher's {@code System.nanoTime()}, published as the level-1 bid). Stateless.
 */
public enum Protocol {
    IME("\"buy_price\":"),
    JSON("\"bid\":"),
    COMPACT(null);

    /** Where a JSON state message (full or delta) carries the probe. */
    private static final ByteBuf STATE_PROBE_KEY = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\"buy_price\":", StandardCharsets.US_ASCII));

    private final ByteBuf probeKey;

    Protocol(String probeKey) {
        this.probeKey = probeKey == null ? null
                : Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(probeKey, StandardCharsets.US_ASCII));
    }

    /** Path and query of the WebSocket URL for a connection that watches {@code ids}. */
    public String path(List<String> ids) {
        return switch (this) {
            case IME -> "/live/data/websocket/contract/id?"
                    + ids.stream().map(id -> "contract_id=" + id).collect(Collectors.joining("&"));
            case JSON -> "/";
            case COMPACT -> "/compact";
        };
    }

    /** Messages to send once the handshake is done (empty for IME: its subscriptions are in the URL). */
    public List<String> greeting(String apiKey, List<String> names, JsonChannel jsonChannel) {
        String symbols = names.stream().map(n -> '"' + n + '"').collect(Collectors.joining(","));
        return switch (this) {
            case IME -> List.of();
            case JSON -> List.of("{\"type\":\"auth\",\"apiKey\":\"" + apiKey + "\"}",
                    "{\"type\":\"subscribe\",\"symbols\":[" + symbols + "]" + jsonChannel.fields() + "}");
            case COMPACT -> List.of("{\"authorization\":\"" + apiKey + "\"}",
                    "{\"event\":\"subscribe\",\"data\":[" + symbols.toLowerCase(Locale.ROOT) + "]}");
        };
    }

    /** Whether a message confirms the subscriptions (never asked for IME: ready at the handshake). */
    public boolean confirmsSubscription(String text) {
        return this == JSON ? text.startsWith("{\"type\":\"subscribed\"") : text.contains("\"event\":\"subscribed\"");
    }

    /** The probe carried by a market-data message (a JSON tick or state), or -1 when the message carries none. */
    public long probe(ByteBuf message) {
        int from;
        if (this == COMPACT) {
            if (message.readableBytes() < 4 || message.getByte(message.readerIndex() + 2) != 't') {
                return -1;
            }
            int symbolEnd = message.indexOf(message.readerIndex() + 6, message.writerIndex(), (byte) '"');
            from = symbolEnd < 0 ? -1 : symbolEnd + 2;
        } else {
            ByteBuf key = probeKey;
            int at = ByteBufUtil.indexOf(key, message);
            if (at < 0 && this == JSON) {
                key = STATE_PROBE_KEY;
                at = ByteBufUtil.indexOf(key, message);
            }
            from = at < 0 ? -1 : at + key.readableBytes();
        }
        return from < 0 ? -1 : digits(message, from);
    }

    private static long digits(ByteBuf message, int from) {
        long value = 0;
        int i = from;
        for (; i < message.writerIndex(); i++) {
            byte b = message.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return i == from ? -1 : value;
    }
}
