package io.tickstream.protocol;

import io.tickstream.hub.TopicView;
import io.tickstream.transport.WebSocketEndpoint;
import java.util.List;

/**
 * A protocol the gateway speaks on its one port: one value per protocol package, made from the
 * configuration and listed in the server's protocol list. It contributes its name (logs, metrics,
 * {@code protocols.<name>} in the configuration), its views (each message is encoded once per view
 * that has subscribers) and its endpoints. Immutable once made.
 */
public interface WireProtocol {

    String name();

    /** The protocol's encodings of instrument, trade and account messages, registered with the hub. */
    List<TopicView> views();

    /** Its WebSocket endpoints, working with the gateway's shared context. */
    List<WebSocketEndpoint> endpoints(ProtocolContext context);
}
