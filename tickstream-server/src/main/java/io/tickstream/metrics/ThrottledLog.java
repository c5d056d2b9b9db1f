package io.tickstream.metrics;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that a flood of bad input could repeat endlessly: logged at most once per interval,
 * with the count of those left out since. Thread-safe.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            if (skipped > 0) {
                log.warn("{} similar warnings suppressed", skipped);
            }
            log.warn(format, args);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
