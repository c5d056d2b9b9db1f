package io.tickstream.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects a client's settings, with the defaults of the seed client (5 retries, backoff 1 s doubling
 * to 30 s, ping every 20 s, 10 s to answer). Not thread-safe; {@link #build()} validates and may be
 * called more than once.
 */
public final class ClientBuilder {

    private List<URI> uris = List.of();
    private String apiKey;
    private Supplier<String> tokens;
    private int maxRetries = 5;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofSeconds(30);
    private Duration pingInterval = Duration.ofSeconds(20);
    private Duration pingTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int streamBuffer = 4096;
    private boolean stateDeltas = true;
    private final List<ClientListener> listeners = new ArrayList<>();

    ClientBuilder() {
    }

    /**
     * The JSON protocol's endpoint, e.g. {@code ws://localhost:8080/}: one gateway, or a balancer in
     * front of several. This or {@link #uris(List)} is required; the last call wins.
     */
    public ClientBuilder uri(URI value) {
        return uris(Collections.singletonList(value));
    }

    public ClientBuilder uri(String value) {
        return uri(URI.create(value));
    }

    /**
     * The endpoints of several nodes of one deployment (one Redis), all {@code ws://} or {@code wss://}.
     * The client connects to the first; when an attempt fails or a connection is lost (a drain's 1012
     * included) it moves at once to the next, round robin, and waits its backoff only after a whole
     * round of them failed in a row. {@code maxRetries} counts every failed attempt, whichever node.
     */
    public ClientBuilder uris(List<URI> values) {
        uris = new ArrayList<>(Objects.requireNonNull(values, "uris"));
        return this;
    }

    public ClientBuilder uris(URI... values) {
        return uris(Arrays.asList(values));
    }

    /** Authenticate with this API key ({@code {"type":"auth","apiKey":..}}). */
    public ClientBuilder apiKey(String value) {
        apiKey = value;
        return this;
    }

    /** Authenticate with this JWT ({@code {"type":"auth","token":..}}). */
    public ClientBuilder token(String value) {
        tokens = value == null ? null : () -> value;
        return this;
    }

    /**
     * Authenticate with the JWT this gives, asked for at every connect and again when the server
     * says the session's token is about to expire (the fresh one keeps the session going). Called on
     * the client's loop thread: it must not block for long.
     */
    public ClientBuilder tokenSupplier(Supplier<String> value) {
        tokens = value;
        return this;
    }

    /** Failed attempts in a row that are retried before the client gives up; 0 gives up at once. Default 5. */
    public ClientBuilder maxRetries(int value) {
        maxRetries = value;
        return this;
    }

    /** The delay cap before the first retry, doubled for each further one. Default 1 s. */
    public ClientBuilder backoffBase(Duration value) {
        backoffBase = value;
        return this;
    }

    /** The largest delay between two attempts. Default 30 s. */
    public ClientBuilder backoffMax(Duration value) {
        backoffMax = value;
        return this;
    }

    /** How often the client pings the server. Default 20 s. */
    public ClientBuilder pingInterval(Duration value) {
        pingInterval = value;
        return this;
    }

    /** How long after a ping the server has to show life (a pong or any message). Default 10 s. */
    public ClientBuilder pingTimeout(Duration value) {
        pingTimeout = value;
        return this;
    }

    /** Bound on opening a connection and, separately, on the answer to {@code auth}. Default 10 s. */
    public ClientBuilder connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    /** Messages a stream buffers per subscriber before dropping the oldest. Default 4096. */
    public ClientBuilder streamBuffer(int value) {
        streamBuffer = value;
        return this;
    }

    /**
     * Whether state subscriptions ask the server for only the changed fields after the first full
     * state (README, "State deltas"); the client applies them and still hands out full {@code State}s.
     * Default true; false has every change sent in full.
     */
    public ClientBuilder stateDeltas(boolean value) {
        stateDeltas = value;
        return this;
    }

    /** A listener registered before anything happens, so it sees the first connection attempt. */
    public ClientBuilder listener(ClientListener value) {
        listeners.add(value);
        return this;
    }

    /** A new client, not connected yet: call {@link TickstreamClient#connect()}. */
    public TickstreamClient build() {
        return new TickstreamClient(new ClientSettings(uris, apiKey, tokens, maxRetries, backoffBase, backoffMax,
                pingInterval, pingTimeout, connectTimeout, streamBuffer, stateDeltas, listeners));
    }
}
