package io.tickstream.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.Principal;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.hub.Hub;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.state.StatePayloadWriter;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.HttpRoutes;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The authenticated instrument API: {@code /api/instruments} (the catalog as the credential may
 * see it), {@code /api/instruments/{id}} (one instrument) and {@code /api/instruments/{id}/state}
 * (its current state as the IME {@code data} payload, read from the bus when nobody here watches
 * it). An instrument outside the credential's scope is 404, like an unknown one. Thread-safe.
 */
public final class InstrumentRoutes {

    static final String LIST = "/api/instruments";
    private static final String PREFIX = LIST + "/";
    private static final String STATE = "/state";
    private static final long STATE_TIMEOUT_SECONDS = 5;

    private final BearerAuth auth;
    private final CatalogRefresher catalog;
    private final Hub hub;

    public InstrumentRoutes(Authenticator authenticator, SessionMeters meters, CatalogRefresher catalog, Hub hub) {
        this.auth = new BearerAuth(authenticator, meters);
        this.catalog = catalog;
        this.hub = hub;
    }

    public void addTo(HttpRoutes.Builder routes) {
        routes.getAsync(LIST, (channel, request, uri) -> CompletableFuture.completedFuture(list(channel, request)));
        routes.prefix(PREFIX, this::one);
    }

    private FullHttpResponse list(Channel channel, FullHttpRequest request) {
        Optional<Principal> principal = auth.authenticate(channel, request);
        if (principal.isEmpty()) {
            return BearerAuth.unauthorized();
        }
        return JsonBody.ok(json -> {
            json.writeStartArray();
            for (Instrument instrument : catalog.catalog().all()) {
                if (principal.get().mayRead(instrument)) {
                    write(json, instrument);
                }
            }
            json.writeEndArray();
        });
    }

    private CompletionStage<FullHttpResponse> one(Channel channel, FullHttpRequest request, QueryStringDecoder uri) {
        Optional<Principal> principal = auth.authenticate(channel, request);
        if (principal.isEmpty()) {
            return CompletableFuture.completedFuture(BearerAuth.unauthorized());
        }
        String rest = uri.path().substring(PREFIX.length());
        boolean state = rest.endsWith(STATE);
        String key = state ? rest.substring(0, rest.length() - STATE.length()) : rest;
        if (key.isEmpty() || key.indexOf('/') >= 0) {
            return CompletableFuture.completedFuture(notFound());
        }
        return InstrumentLookup.find(catalog, key, principal.get()).thenCompose(instrument -> {
            if (instrument.isEmpty()) {
                return CompletableFuture.completedFuture(notFound());
            }
            if (!state) {
                return CompletableFuture.completedFuture(JsonBody.ok(json -> write(json, instrument.get())));
            }
            return hub.currentState(instrument.get())
                    .thenApply(current -> JsonBody.ok(json -> StatePayloadWriter.write(json, current)))
                    .toCompletableFuture()
                    .completeOnTimeout(HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "the bus did not answer in time"), STATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        });
    }

    private static FullHttpResponse notFound() {
        return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown instrument");
    }

    private static void write(JsonGenerator json, Instrument instrument) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", instrument.id());
        json.writeStringField("name", instrument.name());
        json.writeNumberField("depth", instrument.depth());
        json.writeStringField("description", instrument.description());
        json.writeEndObject();
    }
}
