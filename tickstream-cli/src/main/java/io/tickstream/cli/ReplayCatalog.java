package io.tickstream.cli;

import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentNames;
import io.tickstream.simulator.DemoCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruments a replay needs, by name: from the demo catalog when the names match (so ids,
 * descriptions and demo prices line up with {@code serve}), else {@code Instrument(name, name)}
 * (with an id made from the name's hash when the name is no valid id, e.g. one with a space);
 * deep enough for the deepest book or state recorded. Stateless.
 */
final class ReplayCatalog {

    private ReplayCatalog() {
    }

    /** The instrument for a recorded symbol when the catalog does not have it yet. */
    static Instrument instrumentFor(String name, int depth) {
        for (Instrument demo : DemoCatalog.instruments()) {
            if (demo.name().equals(name)) {
                return new Instrument(demo.id(), name, Math.max(demo.depth(), depth), demo.description());
            }
        }
        String id = InstrumentNames.validId(name) ? name : "replay-" + Integer.toHexString(name.hashCode());
        return new Instrument(id, name, Math.max(Instrument.DEFAULT_DEPTH, depth), "");
    }

    /** The catalog of a gateway started for the replay: one instrument per recorded symbol. */
    static List<Instrument> forServe(ReplayPlan plan) {
        List<Instrument> instruments = new ArrayList<>();
        for (String symbol : plan.symbols()) {
            instruments.add(instrumentFor(symbol, plan.depth(symbol)));
        }
        return instruments;
    }

    /**
     * The instruments of an existing catalog (Redis) by name, plus the ones it lacks, which are
     * returned in {@code missing} for the caller to add.
     */
    static Map<String, Instrument> resolve(Collection<Instrument> existing, ReplayPlan plan, List<Instrument> missing) {
        Map<String, Instrument> byName = new LinkedHashMap<>();
        for (Instrument instrument : existing) {
            byName.put(instrument.name(), instrument);
        }
        Map<String, Instrument> resolved = new LinkedHashMap<>();
        for (String symbol : plan.symbols()) {
            Instrument instrument = byName.get(symbol);
            if (instrument == null) {
                instrument = instrumentFor(symbol, plan.depth(symbol));
                missing.add(instrument);
            }
            resolved.put(symbol, instrument);
        }
        return resolved;
    }
}
