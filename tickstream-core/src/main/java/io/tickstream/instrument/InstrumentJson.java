package io.tickstream.instrument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.json.JsonTree;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Instrument JSON, as in catalog files and the Redis hash {@code tickstream:instruments}:
 * {@code {"id":"12345","name":"ContractA","depth":3,"description":"..."}}, with {@code "candles":"mid"} for an
 * instrument whose candles are built from the quote mid. Stateless.
 */
public final class InstrumentJson {

    private static final JsonFactory JSON = new JsonFactory();

    private InstrumentJson() {
    }

    public static Instrument parse(String json) throws IOException {
        return fromTree(JsonTree.parse(json), "instrument");
    }

    /** A catalog file: a JSON array of instruments. */
    public static List<Instrument> parseList(String json) throws IOException {
        if (!(JsonTree.parse(json) instanceof List<?> items)) {
            throw new IOException("a catalog must be a JSON array of instruments");
        }
        List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            instruments.add(fromTree(items.get(i), "instrument [" + i + "]"));
        }
        return instruments;
    }

    /** Builds an instrument from a parsed JSON value; {@code where} names it in error messages. */
    public static Instrument fromTree(Object tree, String where) throws IOException {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IOException(where + ": must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!List.of("id", "name", "depth", "description", "candles").contains(key)) {
                throw new IOException(where + ": unknown field '" + key + "'");
            }
        }
        Object id = map.get("id");
        Object name = map.get("name");
        Object depth = map.get("depth");
        Object description = map.get("description");
        if (!(id instanceof String) && !(id instanceof BigDecimal)) {
            throw new IOException(where + ": 'id' is required (a string)");
        }
        if (!(name instanceof String)) {
            throw new IOException(where + ": 'name' is required (a string)");
        }
        if (depth != null && !(depth instanceof BigDecimal)) {
            throw new IOException(where + ": 'depth' must be a number");
        }
        if (description != null && !(description instanceof String)) {
            throw new IOException(where + ": 'description' must be a string");
        }
        Object candles = map.get("candles");
        if (candles != null && !"mid".equals(candles) && !"trades".equals(candles)) {
            throw new IOException(where + ": 'candles' must be \"trades\" or \"mid\"");
        }
        try {
            String idText = id instanceof BigDecimal number ? number.toPlainString() : (String) id;
            int levels = depth == null ? Instrument.DEFAULT_DEPTH : ((BigDecimal) depth).intValueExact();
            return new Instrument(idText, (String) name, levels, (String) description, "mid".equals(candles));
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    public static String write(Instrument instrument) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, instrument);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(JsonGenerator json, Instrument instrument) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", instrument.id());
        json.writeStringField("name", instrument.name());
        json.writeNumberField("depth", instrument.depth());
        json.writeStringField("description", instrument.description());
        if (instrument.midCandles()) {
            json.writeStringField("candles", "mid");
        }
        json.writeEndObject();
    }
}
