package io.tickstream.protocol.compact;

import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import java.util.Set;

/** The compact array protocol (SPEC 3.3) on {@code /compact}. */
public final class CompactEndpoint {

    private CompactEndpoint() {
    }

    public static MessageEndpoint create(ProtocolContext context, CompactViews views) {
        return new MessageEndpoint(context, "compact", Set.of("/compact"),
                outbox -> new CompactSession(context, views, outbox));
    }
}
