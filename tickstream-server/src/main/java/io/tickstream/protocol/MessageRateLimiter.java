package io.tickstream.protocol;

import java.util.function.LongSupplier;

/**
 * A token bucket over one connection's incoming messages. Confined to the connection's event loop.
 * A message over the rate is refused with the time until the next token; a client that keeps
 * sending while refused is abusive and gets disconnected. Refusals are forgiven at the rate the
 * limit allows, not at every message let through: a flood gets one message through per token and
 * must still count as a flood, while a client that slows down as told sheds its refusals.
 */
public final class MessageRateLimiter {

    /** Returned by {@link #tryAcquire} when the message may be handled. */
    public static final long ALLOWED = 0;

    private final double perNano;
    private final double capacity;
    private final int toleratedRefusals;
    private double tokens;
    private long last;
    private double refusals;

    private final LongSupplier clock;

    public MessageRateLimiter(int messagesPerSecond) {
        this(messagesPerSecond, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} */
    MessageRateLimiter(int messagesPerSecond, LongSupplier clock) {
        this.clock = clock;
        this.perNano = messagesPerSecond / 1e9;
        this.capacity = messagesPerSecond * 2.0;
        this.toleratedRefusals = messagesPerSecond * 2;
        this.tokens = capacity;
        this.last = clock.getAsLong();
    }

    /** {@link #ALLOWED}, or how many milliseconds until a message would be accepted again. */
    public long tryAcquire() {
        long now = clock.getAsLong();
        double earned = (now - last) * perNano;
        tokens = Math.min(capacity, tokens + earned);
        refusals = Math.max(0, refusals - earned);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return ALLOWED;
        }
        refusals++;
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
    }

    /** Whether the client went on sending through more refusals than it is allowed. */
    public boolean abusive() {
        return refusals > toleratedRefusals;
    }
}
