package io.tickstream.protocol.json;

import io.tickstream.bus.StreamPosition;
import java.util.List;
import java.util.Map;

/**
 * One message of a JSON-protocol client; fields the message did not carry are null.
 *
 * @param symbols {@code symbol} and {@code symbols} together, in order
 * @param since   where the client resumes: {@code {"epoch":..,"seq":..}} (auth) or per symbol (subscribe)
 * @param delta   whether a state subscription asks for the changed fields only after the first full state
 */
public record ClientMessage(String type, String apiKey, String token, List<String> symbols, String channel, Integer depth,
                            Since since, Boolean delta, String interval,
                            Double maxRate) {

    /**
     * A resume point: the account stream's ({@code auth}), or each symbol's trade stream
     * ({@code subscribe}); the one a message did not give is null or empty.
     */
    public record Since(StreamPosition account, Map<String, StreamPosition> symbols) {
    }

    public String credential() {
        return apiKey != null ? apiKey : token;
    }
}
