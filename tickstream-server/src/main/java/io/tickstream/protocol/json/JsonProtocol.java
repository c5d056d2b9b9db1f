package io.tickstream.protocol.json;

import io.tickstream.hub.TopicView;
import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.WireProtocol;
import io.tickstream.transport.WebSocketEndpoint;
import java.util.List;
import java.util.Set;

/** The JSON message protocol (README, "The JSON message protocol") on {@code /} and {@code /ws}. */
public final class JsonProtocol implements WireProtocol {

    public static final String NAME = "json";

    private final JsonViews views = new JsonViews();

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
        return List.of(new MessageEndpoint(context, NAME, Set.of("/", "/ws"),
                outbox -> new JsonSession(context, views, outbox)));
    }
}
