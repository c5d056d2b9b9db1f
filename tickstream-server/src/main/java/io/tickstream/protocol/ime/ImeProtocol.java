package io.tickstream.protocol.ime;

import io.tickstream.hub.TopicView;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.WireProtocol;
import io.tickstream.transport.WebSocketEndpoint;
import java.time.ZoneId;
import java.util.List;

/**
 * The IME path/query protocol (README, "The IME protocol"): contracts by name and by id under a
 * base path, its envelope's id field spelled {@code contractId} or {@code ContractId}, timestamps in
 * a time zone (the configuration's {@code ime} section).
 */
public final class ImeProtocol implements WireProtocol {

    public static final String NAME = "ime";

    private final String basePath;
    private final ImeStateView nameView;
    private final ImeStateView idView;

    public ImeProtocol(String basePath, String idField, ZoneId timeZone) {
        this.basePath = basePath;
        this.nameView = ImeStateView.byName(timeZone);
        this.idView = ImeStateView.byId(idField, timeZone);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicView> views() {
        return List.of(nameView, idView);
    }

    @Override
    public List<WebSocketEndpoint> endpoints(ProtocolContext context) {
        return List.of(new ImeEndpoint(basePath, nameView, idView, context));
    }
}
