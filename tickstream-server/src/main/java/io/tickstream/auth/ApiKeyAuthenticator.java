package io.tickstream.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates against configured API keys by their SHA-256 digest, so plain and hashed keys are
 * checked alike and no secret is kept in memory longer than configuration loading. Thread-safe.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    private volatile Map<String, ApiKey> byDigest;

    public ApiKeyAuthenticator(List<ApiKey> keys) {
        replace(keys);
    }

    /** Takes a new set of keys (the configuration was read again); any thread. */
    public void replace(List<ApiKey> keys) {
        Map<String, ApiKey> table = new HashMap<>();
        for (ApiKey key : keys) {
            table.put(key.sha256Hex(), key);
        }
        byDigest = Map.copyOf(table);
    }

    /** The principal of the key with this SHA-256 digest, if it is (still) configured. */
    public Optional<Principal> byDigest(String sha256Hex) {
        return Optional.ofNullable(byDigest.get(sha256Hex)).map(ApiKey::principal);
    }

    @Override
    public Optional<Principal> authenticate(String credential) {
        if (credential == null || credential.isEmpty()) {
            return Optional.empty();
        }
        String digest = ApiKey.sha256Hex(credential);
        ApiKey key = byDigest.get(digest);
        if (key == null || !MessageDigest.isEqual(
                key.sha256Hex().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(key.principal());
    }
}
