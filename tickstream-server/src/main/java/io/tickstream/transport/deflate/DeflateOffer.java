package io.tickstream.transport.deflate;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import java.util.Locale;
import java.util.Map;

/**
 * A client's permessage-deflate offer that the server accepted, read from its
 * {@code Sec-WebSocket-Extensions} header. The server always answers
 * {@code server_no_context_takeover}: every message it sends is deflated on its own, which is what
 * lets one compressed frame go to every client. It answers {@code client_no_context_takeover} only
 * to a client that offered it (some clients, Netty's among them, refuse it unasked); such a
 * client's messages are inflated by one inflater per thread, any other's by an inflater of its own,
 * made when it first sends a compressed message. An offer asking for a window below 15 bits for the
 * server is declined (the JDK's deflater has only the full window); the client's own window may be
 * anything.
 *
 * @param clientNoContextTakeover whether the client compresses each of its messages on its own
 */
public record DeflateOffer(boolean clientNoContextTakeover) {

    /** The response to a client that compresses each message on its own. */
    public static final String BOTH_WITHOUT_CONTEXT = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
    /** The response to a client that keeps its compression context from message to message. */
    public static final String SERVER_WITHOUT_CONTEXT = "permessage-deflate; server_no_context_takeover";

    private static final String NAME = "permessage-deflate";
    private static final int FULL_WINDOW = 15;
    private static final int MIN_WINDOW = 8;

    /** The first of the offers in the header (null when absent) that can be accepted, or null. */
    public static DeflateOffer accepted(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(header)) {
                if (NAME.equalsIgnoreCase(offer.name()) && acceptable(offer.parameters())) {
                    return new DeflateOffer(offer.parameters().keySet().stream()
                            .anyMatch("client_no_context_takeover"::equalsIgnoreCase));
                }
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }

    /** The {@code Sec-WebSocket-Extensions} header of the handshake's response. */
    public String response() {
        return clientNoContextTakeover ? BOTH_WITHOUT_CONTEXT : SERVER_WITHOUT_CONTEXT;
    }

    private static boolean acceptable(Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            boolean known = switch (parameter.getKey().toLowerCase(Locale.ROOT)) {
                case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
                case "server_max_window_bits" -> value != null && windowBits(value) == FULL_WINDOW;
                case "client_max_window_bits" -> value == null || windowBits(value) >= MIN_WINDOW;
                default -> false;
            };
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /** The window size a parameter names, or -1 when it is not one of 8..15. */
    private static int windowBits(String value) {
        if (value.length() > 2 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int bits = Integer.parseInt(value);
        return bits >= MIN_WINDOW && bits <= FULL_WINDOW ? bits : -1;
    }
}
