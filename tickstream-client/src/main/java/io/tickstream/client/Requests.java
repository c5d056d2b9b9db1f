package io.tickstream.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.client.message.StreamPosition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The client's messages of the JSON protocol, as text. Stateless and thread-safe. */
final class Requests {

    private static final JsonFactory JSON = new JsonFactory();

    private Requests() {
    }

    /**
     * {@code {"type":"auth","apiKey":..}} or {@code {"type":"auth","token":..}}, with
     * {@code "since":{"epoch":..,"seq":..}} to resume the account stream when {@code since} is not null.
     */
    static String auth(ClientSettings settings, StreamPosition since) {
        return write(json -> {
            json.writeStringField("type", "auth");
            if (settings.apiKey() != null) {
                json.writeStringField("apiKey", settings.apiKey());
            } else {
                json.writeStringField("token", settings.tokens().get());
            }
            if (since != null) {
                json.writeFieldName("since");
                position(json, since);
            }
        });
    }

    /**
     * {@code {"type":"subscribe","symbols":[..],"channel":..}}, with {@code depth} for books, {@code maxRate} when positive,
     * {@code "delta":true} for states when {@code stateDeltas} and, when {@code since} names any symbol,
     * {@code "since":{"SYMBOL":{"epoch":..,"seq":..},..}} to resume those trade streams.
     */
    static String subscribe(Channel<?> channel, int depth, double maxRate, List<String> symbols,
                            Map<String, StreamPosition> since, boolean stateDeltas) {
        return write(json -> {
            json.writeStringField("type", "subscribe");
            symbols(json, symbols);
            json.writeStringField("channel", channel.wireName());
            if (channel == Channel.BOOK) {
                json.writeNumberField("depth", depth);
            }
            if (maxRate > 0) {
                json.writeNumberField("maxRate", maxRate);
            }
            if (channel == Channel.STATE && stateDeltas) {
                json.writeBooleanField("delta", true);
            }
            if (!since.isEmpty()) {
                json.writeObjectFieldStart("since");
                for (Map.Entry<String, StreamPosition> resume : since.entrySet()) {
                    json.writeFieldName(resume.getKey());
                    position(json, resume.getValue());
                }
                json.writeEndObject();
            }
        });
    }

    static String unsubscribe(Channel<?> channel, List<String> symbols) {
        return write(json -> {
            json.writeStringField("type", "unsubscribe");
            symbols(json, symbols);
            json.writeStringField("channel", channel.wireName());
        });
    }

    private static void position(JsonGenerator json, StreamPosition position) throws IOException {
        json.writeStartObject();
        json.writeStringField("epoch", position.epoch());
        json.writeNumberField("seq", position.seq());
        json.writeEndObject();
    }

    private static void symbols(JsonGenerator json, List<String> symbols) throws IOException {
        json.writeArrayFieldStart("symbols");
        for (String symbol : symbols) {
            json.writeString(symbol);
        }
        json.writeEndArray();
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter text = new StringWriter(96);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
