package io.tickstream.bus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickstream.state.MalformedUpdateException;
import java.io.IOException;

/** Reads the {@code seq} and {@code epoch} fields of a stamped trade or account message. Stateless. */
public final class StreamFields {

    private StreamFields() {
    }

    public static long seq(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 1) {
            throw new MalformedUpdateException("seq must be a positive integer");
        }
        return parser.getLongValue();
    }

    public static String epoch(JsonParser parser, JsonToken token) throws IOException, MalformedUpdateException {
        if (token != JsonToken.VALUE_STRING || parser.getText().isEmpty() || parser.getText().length() > 64) {
            throw new MalformedUpdateException("epoch must be a string of 1 to 64 characters");
        }
        return parser.getText();
    }
}
