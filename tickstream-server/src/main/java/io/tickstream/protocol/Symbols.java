package io.tickstream.protocol;

import io.tickstream.auth.Principal;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import java.util.Optional;

/**
 * Finds the instrument a message-protocol client names: by exact name, else ignoring case; one the
 * principal may not read is not found, so a forbidden symbol looks exactly like an unknown one.
 */
public final class Symbols {

    private Symbols() {
    }

    public static Optional<Instrument> resolve(Catalog catalog, String symbol, Principal principal) {
        return catalog.byName(symbol).or(() -> catalog.byNameIgnoreCase(symbol)).filter(principal::mayRead);
    }
}
