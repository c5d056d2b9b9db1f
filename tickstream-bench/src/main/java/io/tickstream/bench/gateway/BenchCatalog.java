package io.tickstream.bench.gateway;

import io.tickstream.bench.load.SubscriptionPlan;
import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;

/**
 * The instruments a benchmark publishes, {@code b0..b(M-1)} named {@code BENCH00000..}, and the API
 * keys its clients use. Stateless.
 */
public final class BenchCatalog {

    public static final String API_KEY = "bench-key";
    /** A key whose account, {@link #PRIVATE_ACCOUNT}, receives its private events (the fault scenario). */
    public static final String PRIVATE_API_KEY = "bench-private-key";
    public static final String PRIVATE_ACCOUNT = "bench-private";
    /** The bench account's connection limit: every generated connection is the one account's. */
    public static final int MAX_CONNECTIONS = 1_000_000;

    private BenchCatalog() {
    }

    public static List<Instrument> of(int instruments) {
        List<Instrument> list = new ArrayList<>(instruments);
        for (int i = 0; i < instruments; i++) {
            list.add(new Instrument(SubscriptionPlan.id(i), SubscriptionPlan.name(i), 1, "bench"));
        }
        return list;
    }
}
