package io.tickstream.bench.fault;

import io.lettuce.core.KillArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Kills every pub/sub connection Redis holds ({@code CLIENT KILL TYPE pubsub}; on a cluster, on every
 * master), then waits until the gateway has subscribed to each of the run's channels again
 * ({@code PUBSUB NUMSUB}, on a cluster {@code PUBSUB SHARDNUMSUB} summed over the masters, polled every
 * {@value #POLL_MILLIS} ms), logging the outage. Used from the driving thread.
 */
public final class PubSubKiller {

    private static final long POLL_MILLIS = 5;

    private final RedisAdmin admin;
    private final String[] channels;
    private final OutageLog outages;
    private final Histogram outageMicros = new Histogram(3);
    private int kills;

    public PubSubKiller(RedisAdmin admin, FaultStreams streams, FaultStats stats) {
        this.admin = admin;
        this.channels = streams.channels(admin.names());
        this.outages = stats.outages();
    }

    /**
     * Kills, and returns once the gateway is subscribed again.
     *
     * @throws IllegalStateException when it is not within {@code timeout}
     */
    public void kill(Duration timeout) throws InterruptedException {
        long killed = System.nanoTime();
        outages.begin(killed);
        long connections = 0;
        for (RedisClusterCommands<String, String> master : admin.masters()) {
            connections += master.clientKill(KillArgs.Builder.typePubsub());
        }
        long deadline = killed + timeout.toNanos();
        while (!subscribed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway had not subscribed again " + timeout.toSeconds()
                        + " s after kill " + (kills + 1) + " of its pub/sub connection");
            }
            Thread.sleep(POLL_MILLIS);
        }
        long back = System.nanoTime();
        outages.end(back);
        if (connections > 0) {
            kills++;
            outageMicros.recordValue((back - killed) / 1_000);
        }
    }

    private boolean subscribed() {
        Map<String, Long> subscribers = new HashMap<>();
        for (RedisClusterCommands<String, String> master : admin.masters()) {
            Map<String, Long> counts = admin.clustered()
                    ? master.pubsubShardNumsub(channels) : master.pubsubNumsub(channels);
            counts.forEach((channel, count) -> subscribers.merge(channel, count, Long::sum));
        }
        for (String channel : channels) {
            if (subscribers.getOrDefault(channel, 0L) < 1) {
                return false;
            }
        }
        return true;
    }

    /** Kills that closed at least one connection. */
    public int kills() {
        return kills;
    }

    /** How long each of those outages lasted, kill to resubscription, in microseconds. */
    public Histogram outageMicros() {
        return outageMicros;
    }
}
