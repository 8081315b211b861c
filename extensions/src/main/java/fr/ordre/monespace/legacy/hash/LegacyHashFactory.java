package fr.ordre.monespace.legacy.hash;

import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory defaults of the portal hash providers: stateless, no server-wide options. */
interface LegacyHashFactory extends PasswordHashProviderFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
