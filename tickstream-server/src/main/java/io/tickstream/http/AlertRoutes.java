package io.tickstream.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickstream.alert.AlertException;
import io.tickstream.alert.AlertJson;
import io.tickstream.alert.AlertRequest;
import io.tickstream.alert.Alerts;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.Principal;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.transport.HttpResponses;
import io.tickstream.transport.HttpRoutes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The price alerts over HTTP (SPEC §11), for the account of the bearer credential:
 * {@code GET /api/alerts} lists them ({@code {"alerts":[..]}}), {@code POST /api/alerts} creates
 * one from a JSON body as the JSON protocol's {@code alert_create} (201 with the alert),
 * {@code DELETE /api/alerts/{id}} cancels one ({@code {"id":..,"state":..}}). A refusal is
 * {@code {"error":..,"code":..}}: 400 for bad input, 403 for a credential without private events,
 * 404 for an unknown alert or symbol, 409 at the limit. Thread-safe.
 */
public final class AlertRoutes {

    static final String PATH = "/api/alerts";
    private static final String PREFIX = PATH + "/";

    private final BearerAuth auth;
    private final Alerts alerts;

    public AlertRoutes(Authenticator authenticator, SessionMeters meters, Alerts alerts) {
        this.auth = new BearerAuth(authenticator, meters);
        this.alerts = alerts;
    }

    public void addTo(HttpRoutes.Builder routes) {
        routes.anyMethod(PATH, this::collection);
        routes.anyMethodPrefix(PREFIX, this::one);
    }

    private CompletionStage<FullHttpResponse> collection(Channel channel, FullHttpRequest request,
                                                         QueryStringDecoder uri) {
        Optional<Principal> principal = auth.authenticate(channel, request);
        if (principal.isEmpty()) {
            return CompletableFuture.completedFuture(BearerAuth.unauthorized());
        }
        if (HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method())) {
            long now = System.currentTimeMillis();
            return alerts.list(principal.get().account()).thenApply(list -> JsonBody.ok(json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("alerts");
                for (var alert : list) {
                    AlertJson.write(json, alert, now);
                }
                json.writeEndArray();
                json.writeEndObject();
            }));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return CompletableFuture.completedFuture(notAllowed("GET, HEAD, POST"));
        }
        AlertRequest parsed;
        try {
            parsed = AlertRequest.parse(request.content().toString(StandardCharsets.UTF_8));
        } catch (AlertRequest.Invalid e) {
            alerts.refusedRequest();
            return CompletableFuture.completedFuture(refusal(HttpResponseStatus.BAD_REQUEST, "invalid_alert",
                    e.getMessage()));
        }
        long now = System.currentTimeMillis();
        return alerts.create(principal.get(), parsed)
                .thenApply(created -> HttpResponses.of(HttpResponseStatus.CREATED, HttpResponses.JSON,
                        JsonBody.bytes(json -> AlertJson.write(json, created, now))))
                .exceptionally(AlertRoutes::refused);
    }

    private CompletionStage<FullHttpResponse> one(Channel channel, FullHttpRequest request, QueryStringDecoder uri) {
        Optional<Principal> principal = auth.authenticate(channel, request);
        if (principal.isEmpty()) {
            return CompletableFuture.completedFuture(BearerAuth.unauthorized());
        }
        String id = uri.path().substring(PREFIX.length());
        if (!HttpMethod.DELETE.equals(request.method())) {
            return CompletableFuture.completedFuture(notAllowed("DELETE"));
        }
        if (id.isEmpty() || id.indexOf('/') >= 0) {
            return CompletableFuture.completedFuture(refusal(HttpResponseStatus.NOT_FOUND, "unknown_alert",
                    "No such alert: " + id));
        }
        return alerts.cancel(principal.get().account(), id)
                .thenApply(canceled -> JsonBody.ok(json -> {
                    json.writeStartObject();
                    json.writeStringField("id", canceled.alert().id());
                    json.writeStringField("state", canceled.status().state().wireName());
                    json.writeEndObject();
                }))
                .exceptionally(AlertRoutes::refused);
    }

    private static FullHttpResponse refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (!(cause instanceof AlertException refused)) {
            return refusal(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "the alerts could not be reached");
        }
        HttpResponseStatus status;
        if (refused.code() == null || refused.code().equals("unknown_alert")) {
            status = HttpResponseStatus.NOT_FOUND;
        } else {
            status = switch (refused.code()) {
                case "forbidden" -> HttpResponseStatus.FORBIDDEN;
                case "alert_limit" -> HttpResponseStatus.CONFLICT;
                default -> HttpResponseStatus.BAD_REQUEST;
            };
        }
        return refusal(status, refused.code(), refused.getMessage());
    }

    private static FullHttpResponse refusal(HttpResponseStatus status, String code, String message) {
        return HttpResponses.of(status, HttpResponses.JSON, JsonBody.bytes(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            if (code != null) {
                json.writeStringField("code", code);
            }
            json.writeEndObject();
        }));
    }

    private static FullHttpResponse notAllowed(String allowed) {
        FullHttpResponse response = HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + allowed);
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }
}
