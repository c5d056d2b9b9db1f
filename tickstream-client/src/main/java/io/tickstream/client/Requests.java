package io.tickstream.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The client's messages of the JSON protocol, as text. Stateless and thread-safe. */
final class Requests {

    private static final JsonFactory JSON = new JsonFactory();

    private Requests() {
    }

    /** {@code {"type":"auth","apiKey":..}} or {@code {"type":"auth","token":..}}. */
    static String auth(ClientSettings settings) {
        return write(json -> {
            json.writeStringField("type", "auth");
            if (settings.apiKey() != null) {
                json.writeStringField("apiKey", settings.apiKey());
            } else {
                json.writeStringField("token", settings.tokens().get());
            }
        });
    }

    /** {@code {"type":"subscribe","symbols":[..],"channel":..}}, with {@code depth} for books. */
    static String subscribe(Channel<?> channel, int depth, List<String> symbols) {
        return write(json -> {
            json.writeStringField("type", "subscribe");
            symbols(json, symbols);
            json.writeStringField("channel", channel.wireName());
            if (channel == Channel.BOOK) {
                json.writeNumberField("depth", depth);
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
