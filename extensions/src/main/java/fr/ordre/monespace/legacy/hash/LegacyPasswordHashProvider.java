package fr.ordre.monespace.legacy.hash;

import java.nio.charset.StandardCharsets;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.dto.PasswordSecretData;

/**
 * A portal hash, checked exactly as it is stored and never produced. A wrong password, a
 * truncated or altered hash, or a password Drupal would have refused all verify as false (a failed
 * login for the brute-force detector), never as an exception.
 */
abstract class LegacyPasswordHashProvider implements PasswordHashProvider {

    private final LegacyScheme scheme;

    LegacyPasswordHashProvider(LegacyScheme scheme) {
        this.scheme = scheme;
    }

    LegacyScheme scheme() {
        return scheme;
    }

    /** Whether {@code password}, as UTF-8 bytes, is the one {@code stored} (well-formed) was made from. */
    abstract boolean matches(byte[] password, String stored);

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        PasswordSecretData secret = credential == null ? null : credential.getPasswordSecretData();
        String stored = secret == null ? null : secret.getValue();
        if (rawPassword == null || !scheme.wellFormed(stored)) {
            return false;
        }
        return matches(rawPassword.getBytes(StandardCharsets.UTF_8), stored);
    }

    /**
     * Never up to any policy: after a successful verify Keycloak asks the realm's provider, which
     * refuses this credential and re-hashes the password with its own algorithm. This answer only
     * matters if a realm named a portal algorithm as its hash algorithm, which encodedCredential refuses.
     */
    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        return false;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        throw new UnsupportedOperationException(scheme.algorithm()
                + " only verifies hashes imported from the old portal; new passwords use the realm's algorithm");
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        String stored = credential.getPasswordSecretData() == null ? null : credential.getPasswordSecretData().getValue();
        return scheme.wellFormed(stored) ? scheme.strength(stored) : "malformed";
    }

    @Override
    public void close() {
    }
}
