package io.tickstream.protocol.ime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.Principal;
import io.tickstream.hub.SessionOutbox;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.CredentialExpiry;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.SessionLog;
import io.tickstream.protocol.SubscriptionRate;
import io.tickstream.transport.CloseCodes;
import io.tickstream.transport.Connection;
import io.tickstream.transport.WebSocketEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IME protocol's two endpoints ({@code .../contract/name} and {@code .../contract/id}):
 * instruments in the query, {@code Authorization: Bearer} on the handshake, close 1008 with a
 * reason when either is wrong. Shared; called on the connection's event loop.
 */
public final class ImeEndpoint implements WebSocketEndpoint {

    private static final String BEARER = "Bearer ";

    private final String namePath;
    private final String idPath;
    private final ImeStateView nameView;
    private final ImeStateView idView;
    private final ProtocolContext context;

    public ImeEndpoint(String basePath, ImeStateView nameView, ImeStateView idView, ProtocolContext context) {
        this.namePath = basePath + "/live/data/websocket/contract/name";
        this.idPath = basePath + "/live/data/websocket/contract/id";
        this.nameView = nameView;
        this.idView = idView;
        this.context = context;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(namePath) || path.equals(idPath);
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        boolean byId = uri.path().equals(idPath);
        Set<String> refs = byId
                ? parameters(uri, "contract_id", "contract_ids")
                : parameters(uri, "contract_name", "contract_names");
        String credential = bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        double maxRate = maxRate(uri);
        Channel channel = ctx.channel();
        context.upgrade().handshake(channel, request).addListener(done -> {
            if (done.isSuccess()) {
                open(channel, byId, refs, credential, maxRate);
            }
        });
    }

    /** {@code max_rate} (SPEC §13): {@link SubscriptionRate#UNLIMITED} when absent, NaN when not a rate. */
    private static double maxRate(QueryStringDecoder uri) {
        List<String> values = uri.parameters().get("max_rate");
        if (values == null || values.isEmpty()) {
            return SubscriptionRate.UNLIMITED;
        }
        try {
            double rate = Double.parseDouble(values.get(values.size() - 1));
            return SubscriptionRate.valid(rate) ? rate : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void open(Channel channel, boolean byId, Set<String> refs, String credential, double maxRate) {
        Optional<Principal> principal = context.authenticator().authenticate(credential);
        if (principal.isEmpty()) {
            context.meters().authFailure();
            refuse(channel, "authentication failed");
            return;
        }
        if (!context.bus().ready()) {
            context.bus().refusedSession();
            context.meters().rejectedHandshake();
            SessionLog.refused(channel, ImeProtocol.NAME, "bus unavailable");
            Connection.of(channel).close(CloseCodes.TRY_AGAIN_LATER, "bus unavailable");
            return;
        }
        if (Double.isNaN(maxRate)) {
            refuse(channel, "max_rate must be " + SubscriptionRate.MIN + ".." + (int) SubscriptionRate.MAX);
            return;
        }
        if (refs.isEmpty()) {
            refuse(channel, byId ? "no contract: give contract_id" : "no contract: give contract_name");
            return;
        }
        int allowed = context.limits().maxSubscriptions();
        if (refs.size() > allowed) {
            refuse(channel, "too many contracts: at most " + allowed);
            return;
        }
        Resolution resolved = resolve(refs, byId, principal.get());
        if (resolved.unknown() == null) {
            start(channel, byId, principal.get(), resolved.instruments(), credential, maxRate);
            return;
        }
        context.catalog().refresh().thenRun(() -> channel.eventLoop().execute(() -> {
            Resolution again = resolve(refs, byId, principal.get());
            if (again.unknown() != null) {
                refuse(channel, "unknown contract: " + again.unknown());
            } else if (channel.isActive()) {
                start(channel, byId, principal.get(), again.instruments(), credential, maxRate);
            }
        }));
    }

    private void start(Channel channel, boolean byId, Principal principal, List<Instrument> instruments,
                       String credential, double maxRate) {
        if (!context.connections().tryAcquire(principal)) {
            context.meters().connectionLimitReject();
            refuse(channel, "connection limit reached");
            return;
        }
        Connection connection = Connection.of(channel);
        connection.whenClosed(() -> context.connections().release(principal));
        SessionOutbox outbox = context.hub().outbox(channel, context.limits().maxQueuedEvents());
        ImeSession session = new ImeSession(context, outbox);
        context.upgrade().install(channel, session);
        SessionLog.opened(connection, ImeProtocol.NAME, context.meters());
        SessionLog.authenticated(connection, principal);
        connection.authenticatedWithApiKey(ApiKey.digestOf(credential));
        connection.onRightsChanged(changed -> {
            if (!instruments.stream().allMatch(changed::mayRead)) {
                connection.close(CloseCodes.POLICY_VIOLATION, "instrument no longer permitted");
            }
        });
        new CredentialExpiry(connection, context.expiryNotice(), null).arm(principal.expiresAt());
        session.start(instruments, byId ? idView : nameView,
                SubscriptionRate.effective(maxRate == SubscriptionRate.UNLIMITED ? null : maxRate, principal.maxRate()));
    }

    private void refuse(Channel channel, String reason) {
        context.meters().rejectedHandshake();
        SessionLog.refused(channel, ImeProtocol.NAME, reason);
        Connection.of(channel).close(CloseCodes.POLICY_VIOLATION, reason);
    }

    private Resolution resolve(Set<String> refs, boolean byId, Principal principal) {
        Catalog catalog = context.catalog().catalog();
        List<Instrument> instruments = new ArrayList<>(refs.size());
        for (String ref : refs) {
            Optional<Instrument> found = byId ? catalog.byId(ref) : catalog.byName(ref);
            if (found.isEmpty() || !principal.mayRead(found.get())) {
                return new Resolution(instruments, ref);
            }
            instruments.add(found.get());
        }
        return new Resolution(instruments, null);
    }

    private static Set<String> parameters(QueryStringDecoder uri, String name, String alias) {
        Map<String, List<String>> parameters = uri.parameters();
        Set<String> values = new LinkedHashSet<>();
        for (String key : List.of(name, alias)) {
            for (String value : parameters.getOrDefault(key, List.of())) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    /** Instruments found, or the first reference that names none (or one the principal may not read). */
    private record Resolution(List<Instrument> instruments, String unknown) {
    }
}
