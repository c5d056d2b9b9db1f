package io.tickstream.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.Principal;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.transport.ClientAddress;
import io.tickstream.transport.HttpResponses;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Bearer <API key or JWT>} on the HTTP APIs, checked by the same
 * authenticator as the WebSocket protocols. Failures are counted and logged with the remote
 * address, never with the credential. Thread-safe.
 */
final class BearerAuth {

    private static final Logger log = LoggerFactory.getLogger(BearerAuth.class);
    private static final String BEARER = "bearer ";

    private final Authenticator authenticator;
    private final SessionMeters meters;

    BearerAuth(Authenticator authenticator, SessionMeters meters) {
        this.authenticator = authenticator;
        this.meters = meters;
    }

    /** The principal of the request's bearer credential, or empty after counting and logging the failure. */
    Optional<Principal> authenticate(Channel channel, FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String credential = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        Optional<Principal> principal = credential == null || credential.isEmpty()
                ? Optional.empty() : authenticator.authenticate(credential);
        if (principal.isEmpty()) {
            meters.authFailure();
            log.info("HTTP {} from {} refused: {}", request.method(), ClientAddress.of(channel),
                    credential == null ? "no bearer credential" : "authentication failed");
        }
        return principal;
    }

    /** 401 with the challenge of the bearer scheme. */
    static FullHttpResponse unauthorized() {
        FullHttpResponse response = HttpResponses.error(HttpResponseStatus.UNAUTHORIZED,
                "give a valid API key or token: Authorization: Bearer <credential>");
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"tickstream\"");
        return response;
    }
}
