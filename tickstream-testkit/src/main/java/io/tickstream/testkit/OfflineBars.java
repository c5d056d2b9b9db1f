package io.tickstream.testkit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The bars a list of trades should give, computed the plain way (group by UTC bucket, fold with
 * BigDecimal), to check the gateway's bars against. Also makes trade tapes whose prices and
 * quantities have mixed scales, so that inexact (double) arithmetic would show. Stateless.
 */
public final class OfflineBars {

    /** One trade: source time (epoch ms), price and quantity as published. */
    public record Print(long time, String price, String quantity) {

        /** The trade as a publisher sends it. */
        public String json(String tradeId) {
            return "{\"price\":" + price + ",\"quantity\":" + quantity + ",\"side\":\"buy\",\"ts\":" + time
                    + ",\"tradeId\":\"" + tradeId + "\"}";
        }
    }

    private OfflineBars() {
    }

    /** {@code [start,open,high,low,close,volume,trades]} per bucket of {@code intervalMillis}, oldest first. */
    public static List<String> bars(List<Print> prints, long intervalMillis) {
        Map<Long, List<Print>> buckets = new LinkedHashMap<>();
        for (Print print : prints) {
            buckets.computeIfAbsent(Math.floorDiv(print.time(), intervalMillis) * intervalMillis, start -> new ArrayList<>())
                    .add(print);
        }
        List<String> out = new ArrayList<>();
        buckets.forEach((start, bucket) -> {
            BigDecimal high = null;
            BigDecimal low = null;
            BigDecimal volume = BigDecimal.ZERO.setScale(0);
            boolean first = true;
            for (Print print : bucket) {
                BigDecimal price = new BigDecimal(print.price());
                high = high == null || price.compareTo(high) > 0 ? price : high;
                low = low == null || price.compareTo(low) < 0 ? price : low;
                volume = first ? new BigDecimal(print.quantity()) : volume.add(new BigDecimal(print.quantity()));
                first = false;
            }
            out.add("[" + start + ',' + new BigDecimal(bucket.get(0).price()).toPlainString() + ',' + high.toPlainString()
                    + ',' + low.toPlainString() + ',' + new BigDecimal(bucket.get(bucket.size() - 1).price()).toPlainString()
                    + ',' + volume.toPlainString() + ',' + bucket.size() + ']');
        });
        return out;
    }

    /**
     * {@code count} trades from {@code start}, {@code spacingMillis} apart, from a seeded random walk:
     * prices like {@code 0.1}, {@code 1.10}, {@code 0.30000000000000004}, quantities like {@code 0.1} and
     * {@code 0.2} (whose double sum is not {@code 0.3}) and a long one with twenty digits.
     */
    public static List<Print> tape(long seed, int count, long start, long spacingMillis) {
        Random random = new Random(seed);
        String[] quantities = {"0.1", "0.2", "0.3", "1", "2.50", "12345678901234567890.123456789", "0.000001"};
        List<Print> prints = new ArrayList<>(count);
        BigDecimal price = new BigDecimal("1.1000");
        for (int i = 0; i < count; i++) {
            price = price.add(new BigDecimal(random.nextInt(21) - 10).movePointLeft(1 + random.nextInt(4)));
            String text = switch (random.nextInt(6)) {
                case 0 -> price.stripTrailingZeros().toPlainString();
                case 1 -> price.setScale(Math.max(price.scale(), 4) + 1).toPlainString();
                default -> price.toPlainString();
            };
            prints.add(new Print(start + i * spacingMillis, text, quantities[random.nextInt(quantities.length)]));
        }
        return prints;
    }
}
