package io.tickstream.candle;

import java.time.Duration;

/** The bar lengths Tickstream builds (SPEC §12), in the order they are built and stored. */
public enum CandleInterval {
    S1("1s", Duration.ofSeconds(1), Duration.ofHours(1)),
    M1("1m", Duration.ofMinutes(1), Duration.ofDays(7)),
    M5("5m", Duration.ofMinutes(5), Duration.ofDays(30)),
    M15("15m", Duration.ofMinutes(15), Duration.ofDays(30)),
    H1("1h", Duration.ofHours(1), Duration.ofDays(365)),
    H4("4h", Duration.ofHours(4), Duration.ofDays(365)),
    D1("1d", Duration.ofDays(1), Duration.ofDays(3650));

    private static final CandleInterval[] ALL = values();

    private final String label;
    private final long millis;
    private final Duration defaultRetention;

    CandleInterval(String label, Duration length, Duration defaultRetention) {
        this.label = label;
        this.millis = length.toMillis();
        this.defaultRetention = defaultRetention;
    }

    /** The name on the wire and in configuration: {@code 1s}, {@code 1m} ... {@code 1d}. */
    public String label() {
        return label;
    }

    /** The nominal length; a {@code 1d} bar in a zone with daylight saving may be an hour shorter or longer. */
    public long millis() {
        return millis;
    }

    public Duration defaultRetention() {
        return defaultRetention;
    }

    /** The interval with this label, or null when there is none. */
    public static CandleInterval byLabel(String label) {
        for (CandleInterval interval : ALL) {
            if (interval.label.equals(label)) {
                return interval;
            }
        }
        return null;
    }

    /** Every label, for error messages. */
    public static String labels() {
        StringBuilder out = new StringBuilder();
        for (CandleInterval interval : ALL) {
            out.append(out.length() == 0 ? "" : ", ").append(interval.label);
        }
        return out.toString();
    }
}
