package fr.ordre.monespace.legacy.hash;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;

/** Factory of {@link BcryptPasswordHashProvider}; its id is the credential algorithm the import stores. */
public final class BcryptPasswordHashProviderFactory implements LegacyHashFactory {

    public static final String ID = LegacyScheme.BCRYPT.algorithm();
    private static final BcryptPasswordHashProvider SINGLETON = new BcryptPasswordHashProvider();

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }
}
