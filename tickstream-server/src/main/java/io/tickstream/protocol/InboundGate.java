package io.tickstream.protocol;

import io.netty.buffer.ByteBuf;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.transport.CloseCodes;
import java.util.function.LongFunction;

/**
 * The door every client frame passes, messages and control frames alike: counted, then rate
 * limited. A frame over the rate gets the protocol's "rate limited" reply (none on a protocol
 * without replies); a client that keeps sending while refused is closed with 1008. Confined to the
 * connection's event loop.
 */
public final class InboundGate {

    private final ProtocolContext context;
    private final SessionOutbox outbox;
    private final LongFunction<ByteBuf> rateLimitedReply;
    private final MessageRateLimiter rate;

    /**
     * @param rateLimitedReply the protocol's refusal, given the milliseconds until a retry may
     *                         succeed, or null for a protocol that never answers its clients
     */
    public InboundGate(ProtocolContext context, SessionOutbox outbox, LongFunction<ByteBuf> rateLimitedReply) {
        this.context = context;
        this.outbox = outbox;
        this.rateLimitedReply = rateLimitedReply;
        this.rate = new MessageRateLimiter(context.limits().messagesPerSecond());
    }

    /** Whether the message may be handled; when not, the client has been answered or closed already. */
    public boolean admit() {
        context.meters().clientMessage();
        long retryAfter = rate.tryAcquire();
        if (retryAfter == MessageRateLimiter.ALLOWED) {
            return true;
        }
        context.meters().rateLimited();
        if (rate.abusive()) {
            outbox.connection().closeAbusive(CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        } else if (rateLimitedReply != null) {
            outbox.offerOrdered(rateLimitedReply.apply(retryAfter));
            outbox.flush();
        }
        return false;
    }
}
