package fr.ordre.monespace.legacy.hash;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;

/** Factory of {@link DrupalSha512PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class DrupalSha512PasswordHashProviderFactory implements LegacyHashFactory {

    public static final String ID = LegacyScheme.DRUPAL_SHA512.algorithm();
    private static final DrupalSha512PasswordHashProvider SINGLETON = new DrupalSha512PasswordHashProvider();

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }
}
