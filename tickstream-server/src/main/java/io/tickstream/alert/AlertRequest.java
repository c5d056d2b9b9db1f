package io.tickstream.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * What a client asks to create (SPEC §11), read from a JSON object: the JSON protocol's message,
 * the compact protocol's {@code data} or the HTTP body. Fields it does not know are skipped.
 *
 * @param cooldownSeconds how long a re-arming alert waits after a firing
 * @param expiresAt       epoch ms, or 0 for never
 */
public record AlertRequest(String symbol, AlertField field, AlertCondition condition, BigDecimal price, boolean once,
                           long cooldownSeconds, long expiresAt, String note, String clientId) {

    public static final int MAX_NOTE_LENGTH = 256;
    public static final int MAX_CLIENT_ID_LENGTH = 64;
    /** Digits a price may have: past this it is not a price. */
    private static final int MAX_PRICE_DIGITS = 30;
    private static final long MAX_COOLDOWN_SECONDS = 366L * 24 * 3600;
    private static final long DEFAULT_COOLDOWN_SECONDS = Alert.DEFAULT_COOLDOWN_MILLIS / 1000;
    private static final JsonFactory JSON = new JsonFactory();

    /** A create request that cannot be taken; the message names the field. */
    public static final class Invalid extends Exception {
        private final String field;

        public Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Reads the request from the object at the top of {@code text}. */
    public static AlertRequest parse(String text) throws Invalid {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid("body", "Invalid alert: the request must be a JSON object");
            }
            return read(parser);
        } catch (IOException e) {
            throw new Invalid("body", "Invalid alert: not valid JSON");
        }
    }

    /** Reads the request from the object whose start the parser has just passed. */
    public static AlertRequest read(JsonParser parser) throws IOException, Invalid {
        String symbol = null, note = null, clientId = null;
        AlertField field = null;
        AlertCondition condition = null;
        BigDecimal price = null;
        boolean once = true;
        long cooldown = DEFAULT_COOLDOWN_SECONDS, expiresAt = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "symbol" -> symbol = string(parser, value, name, 64);
                case "field" -> {
                    field = AlertField.fromWireName(string(parser, value, name, 16));
                    if (field == null) {
                        throw new Invalid(name, "Invalid field: field must be bid, ask, mid or last");
                    }
                }
                case "condition" -> {
                    condition = AlertCondition.fromWireName(string(parser, value, name, 16));
                    if (condition == null) {
                        throw new Invalid(name, "Invalid field: condition must be above, below, crosses_above or crosses_below");
                    }
                }
                case "price" -> price = price(parser, value);
                case "once" -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw new Invalid(name, "Invalid field: once must be a boolean");
                    }
                    once = value == JsonToken.VALUE_TRUE;
                }
                case "cooldownSeconds" -> cooldown = integer(parser, value, name, 0, MAX_COOLDOWN_SECONDS);
                case "expiresAt" -> expiresAt = integer(parser, value, name, 1, Long.MAX_VALUE);
                case "note" -> note = string(parser, value, name, MAX_NOTE_LENGTH);
                case "clientId" -> clientId = string(parser, value, name, MAX_CLIENT_ID_LENGTH);
                default -> parser.skipChildren();
            }
        }
        require(symbol, "symbol");
        require(field, "field");
        require(condition, "condition");
        require(price, "price");
        return new AlertRequest(symbol, field, condition, price, once, cooldown, expiresAt, note, clientId);
    }

    private static void require(Object value, String name) throws Invalid {
        if (value == null) {
            throw new Invalid(name, "Missing field: " + name);
        }
    }

    private static String string(JsonParser parser, JsonToken value, String name, int maxLength)
            throws IOException, Invalid {
        if (value != JsonToken.VALUE_STRING) {
            throw new Invalid(name, "Invalid field: " + name + " must be a string");
        }
        String text = parser.getText();
        if (text.length() > maxLength) {
            throw new Invalid(name, "Invalid field: " + name + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** Exact decimal text or a number (its text as sent), positive. */
    private static BigDecimal price(JsonParser parser, JsonToken value) throws IOException, Invalid {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT
                && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new Invalid("price", "Invalid field: price must be a decimal number or its text");
        }
        String text = parser.getText().strip();
        if (text.length() > MAX_PRICE_DIGITS + 2) {
            throw new Invalid("price", "Invalid field: price has more than " + MAX_PRICE_DIGITS + " digits");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Invalid("price", "Invalid field: price must be a decimal number, was " + text);
        }
        if (price.signum() <= 0) {
            throw new Invalid("price", "Invalid field: price must be positive");
        }
        if (price.precision() > MAX_PRICE_DIGITS || Math.abs(price.scale()) > MAX_PRICE_DIGITS) {
            throw new Invalid("price", "Invalid field: price has more than " + MAX_PRICE_DIGITS + " digits");
        }
        return price;
    }

    private static long integer(JsonParser parser, JsonToken value, String name, long min, long max)
            throws IOException, Invalid {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || parser.getLongValue() < min || parser.getLongValue() > max) {
            throw new Invalid(name, "Invalid field: " + name + " must be an integer from " + min + " to " + max);
        }
        return parser.getLongValue();
    }
}
