package io.tickstream.protocol.compact;

import io.tickstream.hub.TopicView;
import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.WireProtocol;
import io.tickstream.transport.WebSocketEndpoint;
import java.util.List;
import java.util.Set;

/** The compact array protocol (README, "The compact protocol") on {@code /compact}. */
public final class CompactProtocol implements WireProtocol {

    public static final String NAME = "compact";

    private final CompactViews views = new CompactViews();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicView> views() {
        return views.all();
    }

    @Override
    public List<WebSocketEndpoint> endpoints(ProtocolContext context) {
        return List.of(new MessageEndpoint(context, NAME, Set.of("/compact"),
                outbox -> new CompactSession(context, views, outbox)));
    }
}
