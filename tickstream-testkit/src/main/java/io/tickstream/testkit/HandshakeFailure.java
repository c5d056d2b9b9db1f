package io.tickstream.testkit;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** The HTTP response that refused a WebSocket upgrade, for tests that expect the refusal; an immutable value. */
public record HandshakeFailure(int statusCode, HttpHeaders headers) {

    /** Returns the first value of a response header, if the response had it. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
