package io.tickstream.auth;

import java.util.Optional;

/**
 * Turns a credential (API key or token) into a principal. One authenticator serves every
 * protocol; implementations are thread-safe and never log the credential.
 */
public interface Authenticator {

    Optional<Principal> authenticate(String credential);
}
