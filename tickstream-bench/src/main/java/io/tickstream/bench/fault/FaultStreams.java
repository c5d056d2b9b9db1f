package io.tickstream.bench.fault;

import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bench.load.SubscriptionPlan;
import io.tickstream.bus.BusChannel;
import io.tickstream.bus.ChannelNames;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The streams a fault run publishes on and its clients watch: the trade stream of every instrument
 * some client subscribes to, and the private account's stream. Immutable.
 */
public record FaultStreams(List<Stream> trades, Stream account) {

    /** How the clients and the summary name the account stream (instruments are named {@code BENCH00000..}). */
    static final String ACCOUNT_LABEL = "account";

    /**
     * One stream.
     *
     * @param label what clients call it: the instrument's name, or {@link #ACCOUNT_LABEL}
     * @param key   its key on the bus: the instrument's id, or the account
     */
    public record Stream(String label, BusChannel kind, String key) {
    }

    public static FaultStreams of(SubscriptionPlan plan) {
        TreeSet<Integer> watched = new TreeSet<>();
        for (int c = 0; c < plan.connections(); c++) {
            watched.addAll(plan.instrumentsOf(c));
        }
        List<Stream> trades = new ArrayList<>(watched.size());
        for (int index : watched) {
            trades.add(new Stream(SubscriptionPlan.name(index), BusChannel.TRADES, SubscriptionPlan.id(index)));
        }
        return new FaultStreams(List.copyOf(trades),
                new Stream(ACCOUNT_LABEL, BusChannel.ACCOUNT, BenchCatalog.PRIVATE_ACCOUNT));
    }

    public List<Stream> all() {
        List<Stream> all = new ArrayList<>(trades);
        all.add(account);
        return all;
    }

    /** The Redis pub/sub channels of every stream: the gateway subscribes to each. */
    String[] channels(ChannelNames names) {
        return all().stream().map(stream -> names.channel(stream.kind(), stream.key())).toArray(String[]::new);
    }
}
