package io.tickstream.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Renders a received JSON message for people: indented by four spaces like Python's
 * {@code json.dumps(data, indent=4)}, or compact on one line. Numbers keep their exact text,
 * non-ASCII text stays as it is. Text that is not JSON is returned unchanged. Immutable, thread-safe.
 */
final class JsonFormat {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DefaultIndenter FOUR_SPACES = new DefaultIndenter("    ", "\n");

    private final boolean pretty;

    private JsonFormat(boolean pretty) {
        this.pretty = pretty;
    }

    static JsonFormat pretty() {
        return new JsonFormat(true);
    }

    static JsonFormat compact() {
        return new JsonFormat(false);
    }

    String render(String text) {
        StringWriter rendered = new StringWriter(text.length() * 2);
        try (JsonParser parser = JSON.createParser(text);
                JsonGenerator generator = JSON.createGenerator(rendered)) {
            if (pretty) {
                generator.setPrettyPrinter(prettyPrinter());
            }
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    generator.writeNumber(parser.getText());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
        } catch (IOException e) {
            return text;
        }
        return rendered.toString();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(FOUR_SPACES)
                .withArrayIndenter(FOUR_SPACES);
    }
}
