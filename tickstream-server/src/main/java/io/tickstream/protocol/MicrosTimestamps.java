package io.tickstream.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats epoch microseconds as ISO 8601 local time with six fraction digits
 * ({@code 2026-05-23T15:10:00.000000}) in one zone. The part up to the second is formatted once
 * per second and kept; the fraction is appended by hand. Thread-safe: the cache is one immutable
 * value behind a volatile reference.
 */
public final class MicrosTimestamps {

    private final DateTimeFormatter seconds;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    private record Cached(long epochSecond, String prefix) {
    }

    public MicrosTimestamps(ZoneId zone) {
        this.seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(zone);
    }

    public String format(long epochMicros) {
        long second = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        Cached current = cached;
        if (current.epochSecond() != second) {
            current = new Cached(second, seconds.format(Instant.ofEpochSecond(second)));
            cached = current;
        }
        char[] text = new char[current.prefix().length() + 6];
        current.prefix().getChars(0, current.prefix().length(), text, 0);
        for (int i = text.length - 1; i >= current.prefix().length(); i--) {
            text[i] = (char) ('0' + micros % 10);
            micros /= 10;
        }
        return new String(text);
    }
}
