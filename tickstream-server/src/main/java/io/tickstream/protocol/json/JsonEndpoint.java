package io.tickstream.protocol.json;

import io.tickstream.protocol.MessageEndpoint;
import io.tickstream.protocol.ProtocolContext;
import java.util.Set;

/** The JSON message protocol (SPEC 3.2) on {@code /} and {@code /ws}. */
public final class JsonEndpoint {

    private JsonEndpoint() {
    }

    public static MessageEndpoint create(ProtocolContext context, JsonViews views) {
        return new MessageEndpoint(context, "json", Set.of("/", "/ws"), outbox -> new JsonSession(context, views, outbox));
    }
}
