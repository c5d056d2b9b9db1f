package io.tickstream.catalog;

import static io.tickstream.metrics.Meters.counter;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickstream.bus.Bus;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.NameTakenException;
import io.tickstream.metrics.ThrottledLog;
import io.tickstream.redis.RedisBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway's catalog in step with the bus's: re-read periodically, and at once when a
 * client names an instrument the catalog does not know yet. Concurrent refreshes share one read.
 * An instrument whose name another one holds already (exactly or after folding) is refused, logged
 * and counted once; among new ones the lower id keeps the name. A read that finds the bus's
 * catalog empty while this one holds instruments (Redis restarted empty) writes them back, so that
 * gateways started later serve them too. Thread-safe.
 */
public final class CatalogRefresher implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefresher.class);
    private static final long UNTIL_READ_MILLIS = 100;

    private final ThrottledLog failureLog = new ThrottledLog(log, 10_000);

    private final Bus bus;
    private final Catalog catalog;
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();
    /** Refused names already reported, as {@code id -> name}. */
    private final Map<String, String> reportedConflicts = new ConcurrentHashMap<>();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder restores = new LongAdder();
    /** Whether the bus's catalog was read once: until then it is tried again every {@link #UNTIL_READ_MILLIS}. */
    private volatile boolean read;

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
                failureLog.warn("could not read the instrument catalog: {}", failure.toString());
            } else {
                read = true;
                if (instruments.isEmpty() && catalog.size() > 0) {
                    restore();
                } else {
                    merge(instruments);
                }
            }
            mine.complete(null);
        });
        return mine;
    }

    /**
     * Refreshes every {@code periodMillis}; and until a first read succeeds (a node started while
     * Redis was down), every {@value #UNTIL_READ_MILLIS} ms, so that it knows its instruments as soon
     * as the bus serves.
     */
    public void schedule(ScheduledExecutorService scheduler, long periodMillis) {
        scheduler.scheduleWithFixedDelay(this::refresh, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        retryUntilRead(scheduler);
    }

    private void retryUntilRead(ScheduledExecutorService scheduler) {
        if (!read) {
            scheduler.schedule(() -> refresh().whenComplete((done, failure) -> retryUntilRead(scheduler)),
                    UNTIL_READ_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void merge(List<Instrument> instruments) {
        int added = 0;
        for (Instrument instrument : instruments) {
            try {
                if (catalog.put(instrument)) {
                    added++;
                }
            } catch (NameTakenException e) {
                if (!instrument.name().equals(reportedConflicts.put(instrument.id(), instrument.name()))) {
                    conflicts.increment();
                    log.warn("catalog: {}", e.getMessage());
                }
            }
        }
        if (added > 0) {
            log.info("catalog: {} instruments added or changed, {} known", added, catalog.size());
        }
    }

    private void restore() {
        List<Instrument> known = catalog.all();
        restores.increment();
        log.warn("catalog: the bus's catalog is empty (Redis restarted empty?); writing back the {} instruments known here",
                known.size());
        bus.restoreCatalog(known).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("catalog: could not write the catalog back: {}", failure.toString());
            }
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "tickstream.catalog.name.conflicts", "Instruments refused because another one holds their name", conflicts);
        counter(registry, "tickstream.catalog.restores", "Times the bus's catalog was found empty and written back", restores);
        if (bus instanceof RedisBus redis) {
            FunctionCounter.builder("tickstream.catalog.invalid.entries", redis, RedisBus::refusedCatalogEntries)
                    .description("Redis catalog entries that are not valid instruments (each distinct one once)")
                    .register(registry);
        }
    }
}
