package fr.ordre.monespace.legacy.hash;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;

/** Factory of {@link DrupalUpgradedMd5PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class DrupalUpgradedMd5PasswordHashProviderFactory implements LegacyHashFactory {

    public static final String ID = LegacyScheme.DRUPAL_UPGRADED_MD5.algorithm();
    private static final DrupalUpgradedMd5PasswordHashProvider SINGLETON = new DrupalUpgradedMd5PasswordHashProvider();

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }
}
