package io.tickstream.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tickstream.client.message.Alert;
import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.PriceAlert;
import io.tickstream.client.message.ServerError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The account's price alerts (SPEC §11): create, list and cancel through the gateway's HTTP API
 * ({@code /api/alerts}, with the client's credential, on the node it is connected to), and their
 * triggers, which arrive as {@link Alert} account events on the WebSocket (recovered after a
 * reconnect like every account event). A refusal fails the result with a
 * {@link ServerErrorException} carrying the gateway's code ({@code invalid_alert},
 * {@code alert_limit}, {@code unknown_alert}, {@code forbidden}). Thread-safe.
 */
public final class Alerts {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TickstreamClient client;
    private final Supplier<URI> node;
    private final Supplier<String> credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Alerts(TickstreamClient client, Supplier<URI> node, Supplier<String> credential) {
        this.client = client;
        this.node = node;
        this.credential = credential;
    }

    /** Creates an alert; completes with it as the gateway stored it. */
    public CompletableFuture<PriceAlert> create(NewAlert alert) {
        HttpRequest request = request("").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert))).build();
        return send(request, 201).thenApply(text -> parsed(() -> PriceAlert.parse(text)));
    }

    /** The account's alerts, oldest first. */
    public CompletableFuture<List<PriceAlert>> list() {
        return send(request("").GET().build(), 200).thenApply(text -> parsed(() -> PriceAlert.parseList(text)));
    }

    /** Cancels one of the account's alerts. */
    public CompletableFuture<Void> cancel(String id) {
        return send(request("/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).DELETE().build(), 200)
                .thenApply(text -> null);
    }

    /** The account's alert triggers as a stream. */
    public Feed<Alert> triggers() {
        return client.feed(Channel.ALERTS);
    }

    /** Calls {@code handler} with every trigger, on the client's delivery thread. */
    public void onTrigger(Consumer<? super Alert> handler) {
        client.addMessageHandler(Channel.ALERTS, handler);
    }

    private HttpRequest.Builder request(String rest) {
        URI ws = node.get();
        String scheme = "wss".equalsIgnoreCase(ws.getScheme()) ? "https" : "http";
        URI uri = URI.create(scheme + "://" + ws.getRawAuthority() + "/api/alerts" + rest);
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + credential.get());
    }

    private CompletableFuture<String> send(HttpRequest request, int expected) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() == expected) {
                return response.body();
            }
            throw refusal(response);
        });
    }

    private static ServerErrorException refusal(HttpResponse<String> response) {
        String code = null;
        String message = "HTTP " + response.statusCode();
        try {
            ServerError error = errorOf(response.body());
            code = error.code();
            message = error.message() == null ? message : error.message();
        } catch (MalformedMessageException ignored) {
            // Not the gateway's JSON error (a proxy's page): the status says it.
        }
        return new ServerErrorException(new ServerError(code, message, -1));
    }

    /** {@code {"error":..,"code":..}} as a {@link ServerError}. */
    private static ServerError errorOf(String body) throws MalformedMessageException {
        if (body == null || !body.strip().startsWith("{")) {
            throw new MalformedMessageException("not a JSON error");
        }
        try (var parser = JSON.createParser(body)) {
            String code = null;
            String message = null;
            parser.nextToken();
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("code")) {
                    code = parser.getText();
                } else if (name.equals("error")) {
                    message = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return new ServerError(code, message, -1);
        } catch (IOException e) {
            throw new MalformedMessageException("not a JSON error", e);
        }
    }

    private interface Parse<T> {
        T run() throws MalformedMessageException;
    }

    private static <T> T parsed(Parse<T> parse) {
        try {
            return parse.run();
        } catch (MalformedMessageException e) {
            throw new TickstreamException("unexpected reply to an alert request: " + e.getMessage(), e);
        }
    }

    private static String body(NewAlert alert) {
        StringWriter text = new StringWriter(160);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("symbol", alert.symbol());
            json.writeStringField("field", alert.field());
            json.writeStringField("condition", alert.condition());
            json.writeStringField("price", alert.price().toPlainString());
            json.writeBooleanField("once", alert.once());
            if (alert.cooldownSeconds() >= 0) {
                json.writeNumberField("cooldownSeconds", alert.cooldownSeconds());
            }
            if (alert.expiresAt() > 0) {
                json.writeNumberField("expiresAt", alert.expiresAt());
            }
            if (alert.note() != null) {
                json.writeStringField("note", alert.note());
            }
            if (alert.clientId() != null) {
                json.writeStringField("clientId", alert.clientId());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
