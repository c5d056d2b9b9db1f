package io.tickstream.client;

/**
 * Fatal: the server refused the API key or token (it answered {@code auth} with {@code success:false}
 * and closed with 1008). Never retried: the same credentials would be refused again.
 */
public final class AuthenticationException extends ConnectionRejectedException {

    public AuthenticationException(String serverMessage) {
        super("authentication failed: " + serverMessage + " (check the API key or token)",
                CloseCodes.POLICY_VIOLATION, "authentication failed");
    }
}
