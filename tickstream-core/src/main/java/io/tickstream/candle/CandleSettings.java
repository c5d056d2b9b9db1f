package io.tickstream.candle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * How bars are built and kept: the zone of {@code 1d} boundaries, how long each interval's bars
 * are kept, and where the embedded bus keeps them across restarts (null: in memory only). Immutable.
 */
public record CandleSettings(ZoneId dayZone, Map<CandleInterval, Duration> retention, Path directory) {

    public CandleSettings {
        dayZone = dayZone.normalized();
        EnumMap<CandleInterval, Duration> complete = new EnumMap<>(CandleInterval.class);
        for (CandleInterval interval : CandleInterval.values()) {
            Duration kept = retention.getOrDefault(interval, interval.defaultRetention());
            if (kept.toMillis() < interval.millis()) {
                throw new IllegalArgumentException("candles.retention." + interval.label()
                        + " must be at least one bar (" + interval.label() + "), was " + kept);
            }
            complete.put(interval, kept);
        }
        retention = Map.copyOf(complete);
    }

    public static CandleSettings defaults() {
        return new CandleSettings(ZoneOffset.UTC, Map.of(), null);
    }

    public Duration retention(CandleInterval interval) {
        return retention.get(interval);
    }

    public CandleSettings withDirectory(Path value) {
        return new CandleSettings(dayZone, retention, value);
    }
}
