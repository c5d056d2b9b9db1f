package io.tickstream.catalog;

import io.tickstream.bus.Bus;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway's catalog in step with the bus's: re-read periodically, and at once when a
 * client names an instrument the catalog does not know yet. Concurrent refreshes share one read.
 * Thread-safe.
 */
public final class CatalogRefresher {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefresher.class);

    private final Bus bus;
    private final Catalog catalog;
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

    public CatalogRefresher(Bus bus, Catalog catalog) {
        this.bus = bus;
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Reads the bus's catalog now (or joins a read under way) and adds what is new. */
    public CompletionStage<Void> refresh() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        bus.loadCatalog().whenComplete((instruments, failure) -> {
            inFlight.set(null);
            if (failure != null) {
                log.warn("could not read the instrument catalog: {}", failure.toString());
            } else {
                merge(instruments);
            }
            mine.complete(null);
        });
        return mine;
    }

    public void schedule(ScheduledExecutorService scheduler, long periodMillis) {
        scheduler.scheduleWithFixedDelay(this::refresh, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void merge(List<Instrument> instruments) {
        int added = 0;
        for (Instrument instrument : instruments) {
            if (catalog.put(instrument)) {
                added++;
            }
        }
        if (added > 0) {
            log.info("catalog: {} instruments added or changed, {} known", added, catalog.size());
        }
    }
}
