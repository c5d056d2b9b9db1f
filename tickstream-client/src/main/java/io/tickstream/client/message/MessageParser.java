package io.tickstream.client.message;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the text of one server message into a typed {@link Message}. Numbers are read from their
 * text, so prices keep their exact value and scale. Stateless and thread-safe.
 */
public final class MessageParser {

    private MessageParser() {
    }

    /**
     * Parses one message.
     *
     * @throws MalformedMessageException when the text is not a JSON object, or a message of a known
     *                                   type lacks a field it needs
     */
    public static Message parse(String text) throws MalformedMessageException {
        JsonObjectReader.Parsed parsed = JsonObjectReader.read(text);
        Fields fields = new Fields(parsed.fields(), JsonObjectReader.abbreviate(text));
        String type = fields.optionalString("type");
        if (type == null) {
            return new UnknownMessage(null, text);
        }
        long time = fields.optionalLong("time", 0);
        long seq = fields.optionalLong("seq", Sequenced.NO_SEQ);
        return switch (type) {
            case "tick" -> new Tick(fields.string("symbol"), fields.decimal("bid"), fields.decimal("ask"), time, seq);
            case "book" -> new Book(fields.string("symbol"), fields.levels("bids"), fields.levels("asks"), time, seq);
            case "trade" -> new Trade(fields.string("symbol"), fields.decimal("price"), fields.decimal("quantity"),
                    fields.string("side"), time, fields.optionalString("tradeId"), seq);
            case "state" -> parsed.dataText() == null && parsed.deltaText() != null ? delta(fields, parsed, time, seq)
                    : new State(fields.string("symbol"), flatten(fields.objectMap("data")), time, parsed.dataText(), seq);
            case "account" -> AccountMessages.of(fields.string("event"), fields.object("data"), parsed.dataText(), time,
                    seq);
            case "welcome" -> new Welcome(fields.optionalString("message"), fields.optionalLong("authTimeoutMs", -1));
            case "auth" -> new AuthResult(fields.bool("success"), fields.optionalString("message"),
                    fields.optionalPosition("account"), fields.optionalBool("recovered"));
            case "subscribed", "unsubscribed", "subscriptions" -> new SubscriptionReply(type, fields.strings("symbols"),
                    fields.optionalString("channel"), (int) fields.optionalLong("totalSubscriptions", -1),
                    fields.positions("streams"), fields.booleans("recovered"));
            case "gap" -> new Gap(fields.string("channel"), fields.optionalString("symbol"), fields.optionalString("epoch"),
                    fields.optionalLong("seq", Sequenced.NO_SEQ));
            case "pong" -> new Pong(time);
            case "token_expiring" -> new TokenExpiring(Math.max(0, fields.optionalLong("expiresInMs", 0)));
            case "reconnect" -> new Reconnect(messageOf(fields, "reason"), Math.max(0, fields.optionalLong("retryAfterMs", 0)));
            case "error" -> new ServerError(fields.optionalString("code"), messageOf(fields),
                    fields.optionalLong("retryAfterMs", -1));
            default -> new UnknownMessage(type, text);
        };
    }

    /** {@code {"type":"state",..,"delta":{..}}}: the delta must be an object. */
    private static StateDelta delta(Fields fields, JsonObjectReader.Parsed parsed, long time, long seq)
            throws MalformedMessageException {
        fields.objectMap("delta");
        return new StateDelta(fields.string("symbol"), parsed.deltaText(), time, seq);
    }

    private static String messageOf(Fields fields) {
        return messageOf(fields, "message");
    }

    private static String messageOf(Fields fields, String name) {
        String message = fields.optionalString(name);
        return message == null ? "" : message;
    }

    /** Every leaf of a state's {@code data} by dotted path, numbers as plain exact text. */
    static Map<String, String> flatten(Map<String, Object> data) {
        Map<String, String> paths = new LinkedHashMap<>();
        flatten("", data, paths);
        return paths;
    }

    private static void flatten(String prefix, Map<String, Object> object, Map<String, String> into) {
        object.forEach((name, value) -> {
            String path = prefix.isEmpty() ? name : prefix + '.' + name;
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) nested;
                flatten(path, child, into);
            } else if (value instanceof BigDecimal number) {
                into.put(path, number.toPlainString());
            } else if (value != null) {
                into.put(path, value.toString());
            }
        });
    }
}
