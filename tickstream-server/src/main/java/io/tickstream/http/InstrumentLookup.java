package io.tickstream.http;

import io.tickstream.auth.Principal;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.instrument.Instrument;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** How the HTTP APIs find the instrument a request names: by id, else by exact name, within the caller's rights. */
final class InstrumentLookup {

    private InstrumentLookup() {
    }

    /** An instrument the catalog does not know yet triggers one catalog read. */
    static CompletionStage<Optional<Instrument>> find(CatalogRefresher catalog, String key, Principal principal) {
        Optional<Instrument> known = lookup(catalog, key, principal);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known);
        }
        return catalog.refresh().thenApply(refreshed -> lookup(catalog, key, principal));
    }

    private static Optional<Instrument> lookup(CatalogRefresher catalog, String key, Principal principal) {
        return catalog.catalog().byId(key).or(() -> catalog.catalog().byName(key)).filter(principal::mayRead);
    }
}
