package io.tickstream.protocol;

import io.tickstream.hub.SessionOutbox;
import io.tickstream.hub.TopicView;
import io.tickstream.transport.WebSocketEndpoint;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A protocol whose clients authenticate and subscribe with messages (JSON, compact): its views and
 * one {@link MessageEndpoint} on its paths, making a session of the protocol per connection.
 */
public abstract class MessageProtocol implements WireProtocol {

    private final String name;
    private final Set<String> paths;
    private final List<TopicView> views;
    private final BiFunction<ProtocolContext, SessionOutbox, MessageEndpoint.Session> sessions;

    /** @param sessions makes the protocol's session for a new connection's outbox */
    protected MessageProtocol(String name, Set<String> paths, List<TopicView> views,
                              BiFunction<ProtocolContext, SessionOutbox, MessageEndpoint.Session> sessions) {
        this.name = name;
        this.paths = Set.copyOf(paths);
        this.views = List.copyOf(views);
        this.sessions = sessions;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<TopicView> views() {
        return views;
    }

    @Override
    public final List<WebSocketEndpoint> endpoints(ProtocolContext context) {
        return List.of(new MessageEndpoint(context, name, paths, outbox -> sessions.apply(context, outbox)));
    }
}
