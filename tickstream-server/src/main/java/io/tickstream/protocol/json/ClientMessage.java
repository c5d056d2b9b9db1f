package io.tickstream.protocol.json;

import java.util.List;

/**
 * One message of a JSON-protocol client; fields the message did not carry are null.
 *
 * @param symbols {@code symbol} and {@code symbols} together, in order
 */
public record ClientMessage(String type, String apiKey, String token, List<String> symbols, String channel, Integer depth) {

    public String credential() {
        return apiKey != null ? apiKey : token;
    }
}
