package io.tickstream.client;

import io.tickstream.client.message.ServerError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads which symbol a server error refused, from the JSON protocol's error messages (README, "The JSON message protocol"). Stateless. */
final class RejectedSymbol {

    private static final String UNKNOWN = "Unknown symbol: ";
    private static final Pattern OVER_LIMIT = Pattern.compile("reached: (.+) not subscribed$");

    private RejectedSymbol() {
    }

    /** The symbol, or null when the error is not about one. */
    static String of(ServerError error) {
        String message = error.message();
        if (message.startsWith(UNKNOWN)) {
            return message.substring(UNKNOWN.length());
        }
        if (ServerError.SUBSCRIPTION_LIMIT.equals(error.code())) {
            Matcher matcher = OVER_LIMIT.matcher(message);
            return matcher.find() ? matcher.group(1) : null;
        }
        return null;
    }
}
