package io.tickstream.candle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where the bar holding a moment starts: UTC multiples of the interval, and {@code 1d} at midnight
 * in the configured zone (so a day bar follows daylight saving). The current day's bounds are
 * cached, since nearly every trade falls in the same day as the one before. Thread-safe.
 */
public final class BarClock {

    private record Day(long start, long end) {
        boolean holds(long time) {
            return time >= start && time < end;
        }
    }

    private final ZoneId dayZone;
    private volatile Day day = new Day(0, 0);

    public BarClock(ZoneId dayZone) {
        this.dayZone = dayZone;
    }

    public ZoneId dayZone() {
        return dayZone;
    }

    /** The start, in epoch milliseconds, of the bar of {@code interval} that holds {@code time}. */
    public long start(CandleInterval interval, long time) {
        if (interval != CandleInterval.D1) {
            return Math.floorDiv(time, interval.millis()) * interval.millis();
        }
        Day current = day;
        if (!current.holds(time)) {
            LocalDate date = Instant.ofEpochMilli(time).atZone(dayZone).toLocalDate();
            current = new Day(date.atStartOfDay(dayZone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(dayZone).toInstant().toEpochMilli());
            day = current;
        }
        return current.start();
    }

    /** The end (exclusive) of the bar of {@code interval} that starts at {@code start}. */
    public long end(CandleInterval interval, long start) {
        if (interval != CandleInterval.D1) {
            return start + interval.millis();
        }
        LocalDate date = Instant.ofEpochMilli(start).atZone(dayZone).toLocalDate();
        return date.plusDays(1).atStartOfDay(dayZone).toInstant().toEpochMilli();
    }
}
