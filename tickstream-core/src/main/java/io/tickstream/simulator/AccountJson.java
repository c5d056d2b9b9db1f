package io.tickstream.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes the demo account's events as {@code {"type":...,"data":{...},"ts":...}}, prices with their
 * profile's exact decimals and money with exactly two. Stateless and thread-safe.
 */
final class AccountJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AccountJson() {
    }

    /** The event as published at {@code ts}, epoch milliseconds. */
    static String event(SimulatedAccountEvent event, long ts) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("type", event.type());
            out.writeFieldName("data");
            event.writeData(out);
            out.writeNumberField("ts", ts);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static void price(JsonGenerator out, String field, PriceProfile profile, long units) throws IOException {
        out.writeFieldName(field);
        out.writeNumber(profile.format(units));
    }

    /** Writes an amount of US cents as dollars: 1234 is {@code 12.34}. */
    static void money(JsonGenerator out, String field, long cents) throws IOException {
        out.writeFieldName(field);
        out.writeNumber(BigDecimal.valueOf(cents, 2).toPlainString());
    }
}
