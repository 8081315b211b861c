package fr.ordre.monespace.legacy.hash;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;

/** Factory of {@link PhpassMd5PasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class PhpassMd5PasswordHashProviderFactory implements LegacyHashFactory {

    public static final String ID = LegacyScheme.PHPASS_MD5.algorithm();
    private static final PhpassMd5PasswordHashProvider SINGLETON = new PhpassMd5PasswordHashProvider();

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }
}
