package io.tickstream.instrument;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known instruments, looked up by id, by name and by folded name ({@link InstrumentNames#key}).
 * No two instruments share a folded name: the first to hold it keeps it. Any thread may read;
 * writers replace whole entries, so a reader never sees a half-updated instrument.
 */
public final class Catalog {

    private final Map<String, Instrument> byId = new ConcurrentHashMap<>();
    private final Map<String, Instrument> byName = new ConcurrentHashMap<>();
    private final Map<String, Instrument> byFoldedName = new ConcurrentHashMap<>();

    public Catalog() {
    }

    public Catalog(Collection<Instrument> instruments) {
        instruments.forEach(this::put);
    }

    /**
     * Adds or replaces an instrument; returns true when the catalog changed.
     *
     * @throws NameTakenException when another instrument holds its name, or one folding to the same key
     */
    public synchronized boolean put(Instrument instrument) {
        Instrument holder = byFoldedName.get(fold(instrument.name()));
        if (holder != null && !holder.id().equals(instrument.id())) {
            throw new NameTakenException(instrument, holder);
        }
        Instrument previous = byId.put(instrument.id(), instrument);
        if (instrument.equals(previous)) {
            return false;
        }
        if (previous != null) {
            byName.remove(previous.name(), previous);
            byFoldedName.remove(fold(previous.name()), previous);
        }
        byName.put(instrument.name(), instrument);
        byFoldedName.put(fold(instrument.name()), instrument);
        return true;
    }

    public Optional<Instrument> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Instrument> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Instrument> byNameIgnoreCase(String name) {
        return Optional.ofNullable(byFoldedName.get(fold(name)));
    }

    public List<Instrument> all() {
        return byId.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    public int size() {
        return byId.size();
    }

    private static String fold(String name) {
        return InstrumentNames.key(name);
    }
}
