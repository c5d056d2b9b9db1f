package io.tickstream.protocol.compact;

import io.tickstream.protocol.MessageProtocol;
import java.util.Set;

/** The compact array protocol (README, "The compact protocol") on {@code /compact}. */
public final class CompactProtocol extends MessageProtocol {

    public static final String NAME = "compact";

    public CompactProtocol() {
        this(new CompactViews());
    }

    private CompactProtocol(CompactViews views) {
        super(NAME, Set.of("/compact"), views.all(), (context, outbox) -> new CompactSession(context, views, outbox));
    }
}
