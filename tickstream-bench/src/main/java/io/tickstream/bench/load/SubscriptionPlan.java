package io.tickstream.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Which instruments each connection watches: connection {@code c} takes {@code k} consecutive
 * instruments from {@code c * k}, wrapping, so every instrument gets the same number of subscribers
 * when {@code N * k} is a multiple of {@code M}. Immutable.
 */
public record SubscriptionPlan(int connections, int perConnection, int instruments) {

    public SubscriptionPlan {
        if (perConnection > instruments) {
            throw new IllegalArgumentException("more subscriptions per connection than instruments");
        }
    }

    public List<Integer> instrumentsOf(int connection) {
        List<Integer> indexes = new ArrayList<>(perConnection);
        for (int i = 0; i < perConnection; i++) {
            indexes.add((int) (((long) connection * perConnection + i) % instruments));
        }
        return indexes;
    }

    /** How many connections watch each instrument. */
    public long[] subscribersPerInstrument() {
        long[] counts = new long[instruments];
        for (int c = 0; c < connections; c++) {
            for (int index : instrumentsOf(c)) {
                counts[index]++;
            }
        }
        return counts;
    }

    public static String id(int index) {
        return "b" + index;
    }

    public static String name(int index) {
        return String.format("BENCH%05d", index);
    }
}
