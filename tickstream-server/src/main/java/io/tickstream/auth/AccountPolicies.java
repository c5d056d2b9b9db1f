package io.tickstream.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Applies each account's policy to what its credentials authenticate: accounts the configuration
 * names get their own, the others a finite default connection limit. Wraps the gateway's
 * authenticator; thread-safe.
 */
public final class AccountPolicies implements Authenticator {

    private final Authenticator credentials;
    private final Map<String, AccountPolicy> policies;
    private final AccountPolicy unlisted;

    /** @param defaultMaxConnections the connection limit of accounts without a policy */
    public AccountPolicies(Authenticator credentials, Map<String, AccountPolicy> policies, int defaultMaxConnections) {
        this.credentials = credentials;
        this.policies = Map.copyOf(policies);
        this.unlisted = AccountPolicy.unlisted(defaultMaxConnections);
    }

    @Override
    public Optional<Principal> authenticate(String credential) {
        return credentials.authenticate(credential).map(this::limit);
    }

    /** A credential's principal within its account's policy. */
    public Principal limit(Principal credential) {
        return policies.getOrDefault(credential.account(), unlisted).limit(credential);
    }
}
