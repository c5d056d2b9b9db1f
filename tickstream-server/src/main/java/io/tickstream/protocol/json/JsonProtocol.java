package io.tickstream.protocol.json;

import io.tickstream.protocol.MessageProtocol;
import java.util.Set;

/** The JSON message protocol (README, "The JSON message protocol") on {@code /} and {@code /ws}. */
public final class JsonProtocol extends MessageProtocol {

    public static final String NAME = "json";

    public JsonProtocol() {
        this(new JsonViews());
    }

    private JsonProtocol(JsonViews views) {
        super(NAME, Set.of("/", "/ws"), views.all(), (context, outbox) -> new JsonSession(context, views, outbox));
    }
}
