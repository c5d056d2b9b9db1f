package io.tickstream.instrument;

import java.util.Objects;

/**
 * A tradable contract or symbol: immutable, safe to share between threads.
 *
 * @param id          stable identifier, e.g. {@code "12345"} (see {@link InstrumentNames} for what is allowed)
 * @param name        the symbol clients subscribe to, in any script (see {@link InstrumentNames})
 * @param depth       number of BestLimit levels, 1 to {@value #MAX_DEPTH}
 * @param description free text, may be empty
 * @param midCandles  whether its candles are built from the quote mid instead of trades (catalog {@code "candles":"mid"})
 */
public record Instrument(String id, String name, int depth, String description, boolean midCandles) {

    public static final int DEFAULT_DEPTH = 3;
    public static final int MAX_DEPTH = 20;

    public Instrument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        InstrumentNames.checkId(id);
        InstrumentNames.checkName(name, id);
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "instrument " + id + ": depth must be 1.." + MAX_DEPTH + ", was " + depth);
        }
        description = description == null ? "" : description;
        InstrumentNames.checkDescription(description);
    }

    public Instrument(String id, String name, int depth, String description) {
        this(id, name, depth, description, false);
    }

    public Instrument(String id, String name) {
        this(id, name, DEFAULT_DEPTH, "");
    }
}
