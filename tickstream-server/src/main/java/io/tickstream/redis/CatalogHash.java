package io.tickstream.redis;

import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.instrument.NameTakenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Redis catalog hash ({@code id -> instrument JSON}): an entry that is not a valid
 * instrument (see {@code InstrumentNames}), or that names another id than its field, is left out,
 * logged and counted once per distinct entry (the hash is read again every few seconds).
 * Thread-safe.
 */
final class CatalogHash {

    private static final Logger log = LoggerFactory.getLogger(CatalogHash.class);
    /** Distinct refused entries remembered so as to report each once; forgotten past this many. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final LongAdder refused = new LongAdder();

    /** The valid instruments of the hash's entries, in id order. */
    List<Instrument> read(Map<String, String> entries) {
        List<Instrument> instruments = new ArrayList<>(entries.size());
        entries.forEach((id, json) -> {
            try {
                Instrument instrument = InstrumentJson.parse(json);
                if (instrument.id().equals(id)) {
                    instruments.add(instrument);
                } else {
                    refuse(id, json, "names id " + instrument.id());
                }
            } catch (IOException e) {
                refuse(id, json, "is not a valid instrument: " + e.getMessage());
            }
        });
        instruments.sort(Comparator.comparing(Instrument::id));
        return instruments;
    }

    /**
     * A catalog of the hash's valid entries, taken in id order: where two share a name, the first keeps it.
     */
    static Catalog catalogOf(List<Instrument> instruments) {
        Catalog catalog = new Catalog();
        for (Instrument instrument : instruments) {
            try {
                catalog.put(instrument);
            } catch (NameTakenException e) {
                // the gateways refuse it likewise, and report it
            }
        }
        return catalog;
    }

    /** Catalog entries refused so far, each distinct one once. */
    long refused() {
        return refused.sum();
    }

    private void refuse(String id, String json, String why) {
        if (reported.size() >= MAX_REMEMBERED) {
            reported.clear();
        }
        if (reported.add(id + '\n' + json)) {
            refused.increment();
            log.warn("catalog entry {} {}: ignored", printable(id, 80), printable(why, 300));
        }
    }

    /** Text from the hash as it may appear in a log line: control and format characters escaped, cut short. */
    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? out + "..." : out.toString();
    }
}
