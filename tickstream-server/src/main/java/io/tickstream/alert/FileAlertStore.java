package io.tickstream.alert;

import io.tickstream.bus.MarketPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded gateway's alerts: in memory, and, when a directory is configured, in the file
 * {@code alerts.jsonl} there (one stored alert a line), written anew (to a temporary file, then
 * moved over the old one) after every change, so a restart finds them. One node: a firing is
 * decided under the store's monitor and published on the in-process bus. Thread-safe.
 */
public final class FileAlertStore implements AlertStore {

    private static final Logger log = LoggerFactory.getLogger(FileAlertStore.class);
    static final String FILE_NAME = "alerts.jsonl";

    private final Path file;
    private final MarketPublisher publisher;
    private final LongSupplier clock;
    /** account → id → alert, in creation order. Guarded by this. */
    private final Map<String, Map<String, Stored>> accounts = new LinkedHashMap<>();
    /** account → its active alerts, so that a create checks the limit without counting. Guarded by this. */
    private final Map<String, Integer> active = new HashMap<>();

    /**
     * @param directory where the file lives (created when missing), or null to keep alerts in memory only
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public FileAlertStore(Path directory, MarketPublisher publisher, LongSupplier clock) {
        this.file = directory == null ? null : directory.resolve(FILE_NAME);
        this.publisher = publisher;
        this.clock = clock;
        if (file != null && Files.exists(file)) {
            load();
        }
    }

    private void load() {
        try {
            int line = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Stored stored = AlertJson.readStored(text);
                    put(stored.alert(), stored.status());
                } catch (IOException e) {
                    log.warn("{} line {}: skipped: {}", file, line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the alerts in " + file, e);
        }
    }

    @Override
    public synchronized CompletionStage<Boolean> create(Alert alert, int limit) {
        if (active.getOrDefault(alert.account(), 0) >= limit) {
            return CompletableFuture.completedFuture(false);
        }
        put(alert, AlertStatus.NEW);
        return saved(true);
    }

    @Override
    public synchronized CompletionStage<List<Stored>> list(String account) {
        return CompletableFuture.completedFuture(List.copyOf(accounts.getOrDefault(account, Map.of()).values()));
    }

    @Override
    public synchronized CompletionStage<Stored> get(String account, String id) {
        return CompletableFuture.completedFuture(accounts.getOrDefault(account, Map.of()).get(id));
    }

    @Override
    public synchronized CompletionStage<Stored> cancel(String account, String id) {
        Map<String, Stored> own = accounts.get(account);
        Stored stored = own == null ? null : own.remove(id);
        if (stored == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (stored.status().state() == AlertState.ACTIVE) {
            active.merge(account, -1, Integer::sum);
        }
        AlertStatus status = stored.status();
        Stored canceled = status.state() == AlertState.ACTIVE
                ? new Stored(stored.alert(), new AlertStatus(AlertState.CANCELED, status.fires(), status.lastFiredAt()))
                : stored;
        return saved(canceled);
    }

    @Override
    public CompletionStage<Firing> fire(Alert alert, long generation, String eventJson) {
        Firing firing;
        synchronized (this) {
            Stored stored = accounts.getOrDefault(alert.account(), Map.of()).get(alert.id());
            long now = clock.getAsLong();
            if (stored == null) {
                return CompletableFuture.completedFuture(new Firing(false,
                        new AlertStatus(AlertState.CANCELED, generation, 0)));
            }
            AlertStatus status = stored.status();
            boolean sameCrossing = status.fires() > generation
                    && now < status.lastFiredAt() + Math.max(alert.cooldownMillis(), SAME_CROSSING_MS);
            if (status.state() != AlertState.ACTIVE || sameCrossing
                    || (status.fires() > 0 && now < status.lastFiredAt() + alert.cooldownMillis())) {
                return CompletableFuture.completedFuture(new Firing(false, status));
            }
            if (alert.expiredAt(now)) {
                AlertStatus expired = new AlertStatus(AlertState.EXPIRED, status.fires(), status.lastFiredAt());
                put(stored.alert(), expired);
                return saved(new Firing(false, expired));
            }
            AlertStatus fired = new AlertStatus(alert.once() ? AlertState.TRIGGERED : AlertState.ACTIVE,
                    status.fires() + 1, now);
            put(alert, fired);
            write();
            firing = new Firing(true, fired);
        }
        return publisher.publishAccountEvent(alert.account(), eventJson).thenApply(published -> firing);
    }

    @Override
    public synchronized CompletionStage<Void> expire(Alert alert) {
        Stored stored = accounts.getOrDefault(alert.account(), Map.of()).get(alert.id());
        if (stored != null && stored.status().state() == AlertState.ACTIVE) {
            AlertStatus status = stored.status();
            put(alert, new AlertStatus(AlertState.EXPIRED, status.fires(), status.lastFiredAt()));
            return saved(null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<List<Stored>> loadActive() {
        List<Stored> evaluated = new ArrayList<>();
        accounts.values().forEach(own -> own.values().stream()
                .filter(s -> s.status().state() == AlertState.ACTIVE).forEach(evaluated::add));
        return CompletableFuture.completedFuture(evaluated);
    }

    @Override
    public void follow(BiConsumer<String, String> changed) {
        // One node: every change is made here.
    }

    @Override
    public void close() {
    }

    /** Stores an alert's status, keeping the count of active ones. Call holding the monitor. */
    private void put(Alert alert, AlertStatus status) {
        Stored before = accounts.computeIfAbsent(alert.account(), a -> new LinkedHashMap<>())
                .put(alert.id(), new Stored(alert, status));
        int change = (status.state() == AlertState.ACTIVE ? 1 : 0)
                - (before != null && before.status().state() == AlertState.ACTIVE ? 1 : 0);
        if (change != 0) {
            active.merge(alert.account(), change, Integer::sum);
        }
    }

    /** Writes the file, then completes with {@code value}; a failed write fails it. Call holding the monitor. */
    private <T> CompletionStage<T> saved(T value) {
        try {
            write();
            return CompletableFuture.completedFuture(value);
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Call holding the monitor. */
    private void write() {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        accounts.values().forEach(own -> own.values().forEach(s ->
                text.append(AlertJson.stored(s.alert(), s.status())).append('\n')));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the alerts to " + file, e);
        }
    }
}
