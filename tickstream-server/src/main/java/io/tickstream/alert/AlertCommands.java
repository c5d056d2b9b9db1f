package io.tickstream.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.auth.Principal;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The alert requests of a message protocol ({@code alert_create}, {@code alert_list},
 * {@code alert_cancel}), read from the client's text and answered with a frame: the reply, or the
 * protocol's error frame. Stateless; one per protocol.
 */
public final class AlertCommands {

    private static final JsonFactory JSON = new JsonFactory();

    /** The protocol's error frame. */
    @FunctionalInterface
    public interface Errors {
        /** @param code null for an error without a code (an unknown symbol) */
        ByteBuf error(String code, String message);
    }

    private final Alerts alerts;
    private final AlertFrames frames;
    private final String member;

    /**
     * @param member where a request's fields are: null for the message itself (JSON), {@code "data"} (compact)
     */
    public AlertCommands(Alerts alerts, AlertFrames frames, String member) {
        this.alerts = alerts;
        this.frames = frames;
        this.member = member;
    }

    /** Whether a message type (JSON) or event (compact) is an alert request. */
    public static boolean handles(String type) {
        return "alert_create".equals(type) || "alert_list".equals(type) || "alert_cancel".equals(type);
    }

    /**
     * Answers one request; the frame completes on the store's thread.
     *
     * @param type one that {@link #handles}
     */
    public CompletionStage<ByteBuf> answer(String type, String text, Principal principal, ByteBufAllocator alloc,
                                           Errors errors) {
        CompletionStage<ByteBuf> reply;
        try {
            reply = switch (type) {
                case "alert_create" -> alerts.create(principal, request(text))
                        .thenApply(created -> frames.created(alloc, created));
                case "alert_list" -> alerts.list(principal.account()).thenApply(list -> frames.list(alloc, list));
                case "alert_cancel" -> alerts.cancel(principal.account(), id(text))
                        .thenApply(canceled -> frames.canceled(alloc, canceled.alert().id()));
                default -> throw new IllegalArgumentException("not an alert request: " + type);
            };
        } catch (AlertRequest.Invalid e) {
            alerts.refusedRequest();
            return CompletableFuture.completedFuture(errors.error("invalid_alert", e.getMessage()));
        }
        return reply.exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof AlertException refused) {
                return errors.error(refused.code(), refused.getMessage());
            }
            return errors.error("unavailable", "The alerts could not be reached: try again");
        });
    }

    private AlertRequest request(String text) throws AlertRequest.Invalid {
        try (JsonParser parser = open(text)) {
            return AlertRequest.read(parser);
        } catch (IOException e) {
            throw new AlertRequest.Invalid("body", "Invalid JSON");
        }
    }

    /** The {@code id} of a cancel. */
    private String id(String text) throws AlertRequest.Invalid {
        try (JsonParser parser = open(text)) {
            String id = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("id") && value == JsonToken.VALUE_STRING) {
                    id = parser.getText();
                } else if (name.equals("id")) {
                    throw new AlertRequest.Invalid("id", "Invalid field: id must be a string");
                } else {
                    parser.skipChildren();
                }
            }
            if (id == null) {
                throw new AlertRequest.Invalid("id", "Missing field: id");
            }
            return id;
        } catch (IOException e) {
            throw new AlertRequest.Invalid("body", "Invalid JSON");
        }
    }

    /** A parser just past the start of the object that holds the request's fields. */
    private JsonParser open(String text) throws IOException, AlertRequest.Invalid {
        JsonParser parser = JSON.createParser(text);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.close();
            throw new AlertRequest.Invalid("body", "Invalid JSON: a message must be an object");
        }
        if (member == null) {
            return parser;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(member)) {
                if (value != JsonToken.START_OBJECT) {
                    parser.close();
                    throw new AlertRequest.Invalid(member, "Invalid field: " + member + " must be an object");
                }
                return parser;
            }
            parser.skipChildren();
        }
        parser.close();
        // No data: a request without fields (a list), or one that misses them all.
        JsonParser empty = JSON.createParser("{}");
        empty.nextToken();
        return empty;
    }
}
