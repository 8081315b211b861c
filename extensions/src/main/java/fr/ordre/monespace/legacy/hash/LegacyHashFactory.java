package fr.ordre.monespace.legacy.hash;

import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * What the portal hash providers' factories share: a stateless provider, the scheme's algorithm
 * as id (the credential algorithm the import stores), no server-wide options.
 */
abstract class LegacyHashFactory implements PasswordHashProviderFactory {

    private final LegacyPasswordHashProvider provider;

    LegacyHashFactory(LegacyPasswordHashProvider provider) {
        this.provider = provider;
    }

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public String getId() {
        return provider.scheme().algorithm();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
