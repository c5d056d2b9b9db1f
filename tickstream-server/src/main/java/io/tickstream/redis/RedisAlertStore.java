package io.tickstream.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tickstream.alert.Alert;
import io.tickstream.alert.AlertJson;
import io.tickstream.alert.AlertState;
import io.tickstream.alert.AlertStatus;
import io.tickstream.alert.AlertStore;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.StreamStamp;
import io.tickstream.state.MalformedUpdateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts in Redis (README, "Price alerts"): each account's in one hash in its account stream's
 * slot ({@link ChannelNames#alertsKey}), changed only by the {@link AlertScripts}, so a firing and
 * its {@code alert} event are one atomic step whichever node decides it. Every node follows the
 * stream of creations and ends ({@link ChannelNames#alertChangesKey}) to evaluate what the others
 * created; the set {@link ChannelNames#alertAccountsKey} lists the accounts to load at a start.
 * Thread-safe.
 */
public final class RedisAlertStore implements AlertStore {

    private static final Logger log = LoggerFactory.getLogger(RedisAlertStore.class);
    /** Changes kept in the change stream; a node further behind than this reloads nothing it missed. */
    private static final long MAX_CHANGES = 100_000;
    private static final long FOLLOW_EVERY_MS = 200;

    private final RedisClusterAsyncCommands<String, String> commands;
    private final ChannelNames names;
    private final HistoryLimits limits;
    private final AlertScripts scripts;
    private ScheduledFuture<?> following;
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-alert-changes");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean reading = new AtomicBoolean();
    /** The last change read; null until {@link #loadActive} has said where to start. */
    private volatile String lastChange;

    RedisAlertStore(RedisClusterAsyncCommands<String, String> commands, ChannelNames names, HistoryLimits limits,
                    boolean sharded) {
        this.commands = commands;
        this.names = names;
        this.limits = limits;
        this.scripts = AlertScripts.of(sharded);
    }

    @Override
    public CompletionStage<Boolean> create(Alert alert, int limit) {
        return commands.<Long>eval(scripts.create(), ScriptOutputType.INTEGER,
                        new String[] {names.alertsKey(alert.account())}, alert.id(), AlertJson.stored(alert, null),
                        Integer.toString(limit))
                .thenCompose(created -> created == 0 ? CompletableFuture.completedFuture(false)
                        : commands.sadd(names.alertAccountsKey(), alert.account())
                                .thenCompose(added -> changed(alert.account(), alert.id())).thenApply(id -> true));
    }

    @Override
    public CompletionStage<List<Stored>> list(String account) {
        return commands.hgetall(names.alertsKey(account)).thenApply(fields -> {
            List<Stored> alerts = new ArrayList<>();
            fields.forEach((field, value) -> {
                if (!field.startsWith("#") && field.indexOf(':') < 0) {
                    Stored stored = read(value, fields.get(field + ":state"), fields.get(field + ":fires"),
                            fields.get(field + ":fired"));
                    if (stored != null) {
                        alerts.add(stored);
                    }
                }
            });
            alerts.sort(Comparator.comparingLong((Stored s) -> s.alert().createdAt()).thenComparing(s -> s.alert().id()));
            return alerts;
        });
    }

    @Override
    public CompletionStage<Stored> get(String account, String id) {
        return commands.hmget(names.alertsKey(account), id, id + ":state", id + ":fires", id + ":fired")
                .thenApply(values -> values.get(0).hasValue() ? read(values.get(0).getValue(),
                        values.get(1).getValueOrElse(null), values.get(2).getValueOrElse(null),
                        values.get(3).getValueOrElse(null)) : null);
    }

    @Override
    public CompletionStage<Stored> cancel(String account, String id) {
        return commands.<List<Object>>eval(scripts.cancel(), ScriptOutputType.MULTI,
                new String[] {names.alertsKey(account)}, id).thenCompose(reply -> {
                    if (reply.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    Stored stored = read((String) reply.get(0), (String) reply.get(1), (String) reply.get(2),
                            (String) reply.get(3));
                    Stored canceled = stored == null || stored.status().state() != AlertState.ACTIVE ? stored
                            : new Stored(stored.alert(), new AlertStatus(AlertState.CANCELED, stored.status().fires(),
                                    stored.status().lastFiredAt()));
                    return changed(account, id).thenApply(ignored -> canceled);
                });
    }

    @Override
    public CompletionStage<Firing> fire(Alert alert, long generation, String eventJson) {
        String tail;
        try {
            tail = StreamStamp.accountEventTail(eventJson);
        } catch (MalformedUpdateException e) {
            return CompletableFuture.failedFuture(e);
        }
        String account = alert.account();
        String[] keys = {names.historyKey(BusChannel.ACCOUNT, account), names.streamKey(BusChannel.ACCOUNT, account),
                names.alertsKey(account)};
        return commands.<List<Object>>eval(scripts.fire(), ScriptOutputType.MULTI, keys,
                names.channel(BusChannel.ACCOUNT, account), tail, StreamStamp.newEpoch(),
                Integer.toString(limits.maxMessages()), Long.toString(limits.maxAge().toMillis()), alert.id(),
                Long.toString(generation), alert.once() ? "1" : "0", Long.toString(alert.cooldownMillis()),
                Long.toString(alert.expiresAt()), Long.toString(SAME_CROSSING_MS)).thenApply(reply -> {
                    AlertState state = AlertState.fromWireName((String) reply.get(1));
                    return new Firing((Long) reply.get(0) == 1,
                            new AlertStatus(state == null ? AlertState.CANCELED : state, (Long) reply.get(2),
                                    (Long) reply.get(3)));
                });
    }

    @Override
    public CompletionStage<Void> expire(Alert alert) {
        return commands.<Long>eval(scripts.expire(), ScriptOutputType.INTEGER,
                new String[] {names.alertsKey(alert.account())}, alert.id()).thenApply(done -> null);
    }

    /**
     * Every active alert of every account that has alerts. The change stream is followed from
     * where it stood before this read, so nothing created meanwhile is missed.
     */
    @Override
    public CompletionStage<List<Stored>> loadActive() {
        return commands.xrevrange(names.alertChangesKey(), io.lettuce.core.Range.create("-", "+"),
                        io.lettuce.core.Limit.from(1))
                .thenCompose(latest -> {
                    lastChange = latest.isEmpty() ? "0-0" : latest.get(0).getId();
                    return commands.smembers(names.alertAccountsKey());
                })
                .thenCompose(accounts -> {
                    List<CompletableFuture<List<Stored>>> reads = new ArrayList<>();
                    for (String account : accounts) {
                        reads.add(list(account).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        List<Stored> active = new ArrayList<>();
                        reads.forEach(read -> read.join().stream()
                                .filter(s -> s.status().state() == AlertState.ACTIVE).forEach(active::add));
                        return active;
                    });
                });
    }

    /** Follows the changes for {@code changed} only: a gateway started again on the same bus replaces the last one. */
    @Override
    public synchronized void follow(BiConsumer<String, String> changed) {
        if (following != null) {
            following.cancel(false);
        }
        following = follower.scheduleWithFixedDelay(() -> readChanges(changed), FOLLOW_EVERY_MS, FOLLOW_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    private void readChanges(BiConsumer<String, String> changed) {
        String from = lastChange;
        if (from == null || !reading.compareAndSet(false, true)) {
            return;
        }
        commands.xread(XReadArgs.Builder.count(1000), offsets(XReadArgs.StreamOffset.from(names.alertChangesKey(), from)))
                .whenComplete((messages, failure) -> {
                    reading.set(false);
                    if (failure != null) {
                        log.warn("could not read the alert changes: {}", failure.toString());
                        return;
                    }
                    for (StreamMessage<String, String> message : messages) {
                        lastChange = message.getId();
                        Map<String, String> body = message.getBody();
                        if (body.get("a") != null && body.get("i") != null) {
                            changed.accept(body.get("a"), body.get("i"));
                        }
                    }
                });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static XReadArgs.StreamOffset<String>[] offsets(XReadArgs.StreamOffset<String> offset) {
        return new XReadArgs.StreamOffset[] {offset};
    }

    private CompletionStage<String> changed(String account, String id) {
        return commands.xadd(names.alertChangesKey(), XAddArgs.Builder.maxlen(MAX_CHANGES).approximateTrimming(),
                "a", account, "i", id);
    }

    private static Stored read(String json, String state, String fires, String fired) {
        try {
            Stored stored = AlertJson.readStored(json);
            AlertState current = state == null ? AlertState.CANCELED : AlertState.fromWireName(state);
            return new Stored(stored.alert(), new AlertStatus(current == null ? AlertState.CANCELED : current,
                    fires == null ? 0 : Long.parseLong(fires), fired == null ? 0 : Long.parseLong(fired)));
        } catch (IOException | NumberFormatException e) {
            log.warn("skipped a stored alert that cannot be read: {}", e.getMessage());
            return null;
        }
    }

    /** Stops following the changes; the store goes on serving its bus (see {@link #shutdown}). */
    @Override
    public synchronized void close() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
    }

    /** Ends the follower's thread; called once by the bus that owns the store, when it closes. */
    void shutdown() {
        follower.shutdownNow();
    }
}
